using GongTongDizao.Core.Aggregates;
using GongTongDizao.Core.Storage;
using Microsoft.Azure.Cosmos;

namespace GongTongDizao.Core.Features.Activities;

/// <summary>
/// Session rosters in Cosmos, partitioned by activity: an activity's sessions (seats left, the caller's own sign-ups,
/// the organiser's list) are one single-partition query; a person's sign-ups (export, deletion) cross partitions.
/// </summary>
public sealed class RosterStore(CosmosClient cosmos) : IAggregateStore<SessionRoster>
{
    private readonly Container _rosters = cosmos.GetContainer(StoreNames.Database, StoreNames.Containers.Rosters);

    public string ContainerName => StoreNames.Containers.Rosters;

    public static string? ActivityOf(string? rosterId) =>
        rosterId?.Split('~') is [var activity, { Length: > 0 and <= 8 }] && ActivityStore.IsId(activity) ? activity : null;

    public async Task<SessionRoster?> FindAsync(string id, CancellationToken cancellationToken) =>
        ActivityOf(id) is { } activity ? await _rosters.FindAsync<SessionRoster>(id, new PartitionKey(activity), cancellationToken) : null;

    public Task<SessionRoster?> FindAsync(string activityId, string sessionId, CancellationToken cancellationToken) =>
        FindAsync(SessionRoster.IdOf(activityId, sessionId), cancellationToken);

    public async Task<SessionRoster> CreateAsync(SessionRoster item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        return (await _rosters.CreateItemAsync(item with { ETag = null }, new PartitionKey(item.ActivityId), cancellationToken: cancellationToken)).Resource;
    }

    /// <summary>Creates the roster unless it exists (a retried activity creation): the existing one is kept.</summary>
    public Task<SessionRoster?> TryCreateAsync(SessionRoster item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        return _rosters.TryCreateAsync(item with { ETag = null }, new PartitionKey(item.ActivityId), cancellationToken);
    }

    public Task<SessionRoster?> TryReplaceAsync(SessionRoster item, string? ifMatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        return _rosters.TryReplaceAsync(item with { ETag = null }, item.Id, new PartitionKey(item.ActivityId), ifMatch, cancellationToken);
    }

    /// <summary>Every session roster of an activity (one partition), in session order.</summary>
    public Task<List<SessionRoster>> OfActivityAsync(string activityId, CancellationToken cancellationToken) =>
        FeedReads.ToListAsync(
            _rosters.DrainAsync<SessionRoster>(
                new QueryDefinition("SELECT * FROM c WHERE c.activityId = @activity ORDER BY c.startsAt ASC").WithParameter("@activity", activityId),
                new PartitionKey(activityId),
                cancellationToken),
            cancellationToken);

    /// <summary>
    /// The seat summaries of every session of <paramref name="activityIds"/> (a page of the public list), by activity and
    /// session: one query projecting the summary alone, never the sign-ups. The ids are the rosters' partition keys,
    /// given as one array as the broadcast pages give theirs, so Cosmos DB answers from its index (0015, 0017).
    /// </summary>
    public async Task<Dictionary<string, Dictionary<string, SeatSummary>>> SeatsOfAsync(IReadOnlyList<string> activityIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activityIds);
        var seats = new Dictionary<string, Dictionary<string, SeatSummary>>(StringComparer.Ordinal);
        if (activityIds.Count == 0)
        {
            return seats;
        }

        var query = new QueryDefinition("SELECT c.activityId, c.sessionId, c.seats FROM c WHERE ARRAY_CONTAINS(@activities, c.activityId)")
            .WithParameter("@activities", activityIds);
        await foreach (var row in _rosters.DrainAsync<RosterSeats>(query, (PartitionKey?)null, cancellationToken))
        {
            if (row.Seats is { } summary)
            {
                (seats.TryGetValue(row.ActivityId, out var sessions) ? sessions : seats[row.ActivityId] = new(StringComparer.Ordinal))[row.SessionId] = summary;
            }
        }

        return seats;
    }

    /// <summary>Rosters holding a sign-up by <paramref name="userId"/> (export and deletion only; crosses partitions).</summary>
    public IAsyncEnumerable<SessionRoster> OfPersonAsync(string userId, CancellationToken cancellationToken) =>
        _rosters.DrainAsync<SessionRoster>(
            new QueryDefinition("SELECT * FROM c WHERE ARRAY_CONTAINS(c.signUps, {\"userId\": @user}, true)").WithParameter("@user", userId),
            (PartitionKey?)null,
            cancellationToken);

    /// <summary>Sessions under <paramref name="orgId"/> that started in [from, to) (the numbers).</summary>
    public IAsyncEnumerable<SessionRoster> StartedInAsync(string orgId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        _rosters.DrainAsync<SessionRoster>(
            new QueryDefinition("SELECT * FROM c WHERE ARRAY_CONTAINS(c.orgPath, @org) AND c.startsAt >= @from AND c.startsAt < @to")
                .WithParameter("@org", orgId).WithParameter("@from", from.ToUniversalTime()).WithParameter("@to", to.ToUniversalTime()),
            (PartitionKey?)null,
            cancellationToken);
}

/// <summary>A roster's seat summary as the list query projects it (null on a roster written before summaries were kept).</summary>
public sealed record RosterSeats(string ActivityId, string SessionId, SeatSummary? Seats);
