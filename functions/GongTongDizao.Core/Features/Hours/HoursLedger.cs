using System.Text.Json.Serialization;
using GongTongDizao.Core.Storage;
using Microsoft.Azure.Cosmos;

namespace GongTongDizao.Core.Features.Hours;

/// <summary>
/// The hours ledger in Cosmos (container <c>hours</c>, partition = the volunteer): append and read, never replace. A
/// volunteer's records are one single-partition query; an organiser's and the numbers cross partitions on the
/// activity or the org path. Also the session's check-in code documents (dedupe container, expiring by themselves).
/// </summary>
public sealed class HoursLedger(CosmosClient cosmos)
{
    private readonly Container _hours = cosmos.GetContainer(StoreNames.Database, StoreNames.Containers.Hours);
    private readonly Container _dedupe = cosmos.GetContainer(StoreNames.Database, StoreNames.Containers.Dedupe);

    public static string AttendanceRecordId(string codeId) => "att-" + codeId;

    public static string CheckInEntryId(string codeId) => "in~" + codeId;

    public static string NewOfflineRecordId() => "off-" + Guid.NewGuid().ToString("N");

    /// <summary>Appends the entry; false when an entry with its id exists (the rule its id expresses was already met).</summary>
    public async Task<bool> TryAppendAsync(HoursEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return await _hours.TryCreateAsync(entry with { ETag = null }, new PartitionKey(entry.VolunteerId), cancellationToken, returnContent: false) is not null;
    }

    public Task<HoursEntry?> FindAsync(string volunteerId, string id, CancellationToken cancellationToken) =>
        _hours.FindAsync<HoursEntry>(id, new PartitionKey(volunteerId), cancellationToken);

    /// <summary>Every entry of one volunteer (one partition).</summary>
    public IAsyncEnumerable<HoursEntry> OfVolunteerAsync(string volunteerId, CancellationToken cancellationToken) =>
        _hours.DrainAsync<HoursEntry>(new QueryDefinition("SELECT * FROM c WHERE c.volunteerId = @v").WithParameter("@v", volunteerId), new PartitionKey(volunteerId), cancellationToken);

    /// <summary>The entries of one record of one volunteer.</summary>
    public Task<List<HoursEntry>> OfRecordAsync(string volunteerId, string recordId, CancellationToken cancellationToken) =>
        FeedReads.ToListAsync(
            _hours.DrainAsync<HoursEntry>(
                new QueryDefinition("SELECT * FROM c WHERE c.volunteerId = @v AND c.recordId = @r").WithParameter("@v", volunteerId).WithParameter("@r", recordId),
                new PartitionKey(volunteerId),
                cancellationToken),
            cancellationToken);

    /// <summary>Every entry about one activity (its organiser's view; crosses partitions).</summary>
    public IAsyncEnumerable<HoursEntry> OfActivityAsync(string activityId, CancellationToken cancellationToken) =>
        _hours.DrainAsync<HoursEntry>(new QueryDefinition("SELECT * FROM c WHERE c.service.activityId = @a").WithParameter("@a", activityId), (PartitionKey?)null, cancellationToken);

    /// <summary>Check-ins of one session (its end closes the forgotten check-outs; crosses partitions once per session).</summary>
    public IAsyncEnumerable<HoursEntry> CheckInsOfSessionAsync(string activityId, string sessionId, CancellationToken cancellationToken) =>
        _hours.DrainAsync<HoursEntry>(
            new QueryDefinition("SELECT * FROM c WHERE c.kind = 'check_in' AND c.service.activityId = @a AND c.service.sessionId = @s")
                .WithParameter("@a", activityId).WithParameter("@s", sessionId),
            (PartitionKey?)null,
            cancellationToken);

    /// <summary>Entries of service in a subtree that started in [from, to) (the numbers; crosses partitions).</summary>
    public IAsyncEnumerable<HoursEntry> InSubtreeAsync(string orgId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        _hours.DrainAsync<HoursEntry>(
            new QueryDefinition("SELECT * FROM c WHERE ARRAY_CONTAINS(c.service.orgPath, @org) AND c.service.start >= @from AND c.service.start < @to")
                .WithParameter("@org", orgId).WithParameter("@from", from.ToUniversalTime()).WithParameter("@to", to.ToUniversalTime()),
            (PartitionKey?)null,
            cancellationToken);

    /// <summary>Entries others wrote about a person as organiser (deletion of a staff member; crosses partitions).</summary>
    public IAsyncEnumerable<HoursEntry> WrittenByAsync(string userId, CancellationToken cancellationToken) =>
        _hours.DrainAsync<HoursEntry>(new QueryDefinition("SELECT * FROM c WHERE c.byUserId = @u AND c.volunteerId != @u").WithParameter("@u", userId), (PartitionKey?)null, cancellationToken);

    /// <summary>Deletion only (PIPL): the entry has been copied under the pseudonym first.</summary>
    public Task DeleteAsync(HoursEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return _hours.TryDeleteAsync(entry.Id, new PartitionKey(entry.VolunteerId), cancellationToken);
    }

    /// <summary>Deletion only: the organiser's own name leaves an entry they wrote (the one kind of write after creation).</summary>
    public Task UpsertForErasureAsync(HoursEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return _hours.UpsertItemAsync(entry with { ETag = null }, new PartitionKey(entry.VolunteerId), cancellationToken: cancellationToken);
    }

    /// <summary>Remembers which session a code id names until its validity ends (a day later it expires by itself).</summary>
    public Task SaveCodeAsync(string codeId, string activityId, string sessionId, DateTimeOffset validUntil, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var id = "checkin-code~" + codeId;
        var ttl = (int)Math.Max(3600, (validUntil - now + TimeSpan.FromDays(1)).TotalSeconds);
        return _dedupe.UpsertItemAsync(new CheckInCode(id, activityId, sessionId, ttl), new PartitionKey(id), new ItemRequestOptions { EnableContentResponseOnWrite = false }, cancellationToken);
    }

    public async Task<(string ActivityId, string SessionId)?> FindCodeAsync(string codeId, CancellationToken cancellationToken)
    {
        var id = "checkin-code~" + codeId;
        return await _dedupe.FindAsync<CheckInCode>(id, new PartitionKey(id), cancellationToken) is { } code ? (code.ActivityId, code.SessionId) : null;
    }

    private sealed record CheckInCode([property: JsonPropertyName("id")] string Id, string ActivityId, string SessionId, [property: JsonPropertyName("ttl")] int Ttl);
}
