using System.Text.Json.Serialization;
using GongTongDizao.Core.Features.Orgs;
using GongTongDizao.Core.Storage;
using Microsoft.Azure.Cosmos;

namespace GongTongDizao.Core.Features.Topics;

/// <summary>
/// One community's deliberation counters for one year (id <c>topics~&lt;year&gt;</c>). It lives in the topics
/// container, in the community's partition beside its topics, seconds, evaluations and comments, so each of those is
/// written with the counts it moves in one transactional batch (<see cref="CountedWrites"/>). Statistics read these
/// (kind <c>topicStats</c>, no <c>type</c>, so no topic query meets one) instead of topics.
/// </summary>
public sealed record CommunityYearStats
{
    public const string DocumentKind = "topicStats";

    [JsonPropertyName("id")]
    public required string Id { get; init; }

    public string Kind { get; init; } = DocumentKind;

    public required string OrgId { get; init; }

    /// <summary>The topics container's partition key: the community, as <see cref="OrgId"/>.</summary>
    public string CommunityId => OrgId;

    public required int Year { get; init; }

    /// <summary>The community's ancestors and itself, so a subtree's counters are one query.</summary>
    public IReadOnlyList<string> Path { get; init; } = [];

    public long TopicsProposed { get; init; }

    /// <summary>议事: meetings held (minutes recorded).</summary>
    public long DeliberationsHeld { get; init; }

    /// <summary>办成实事: topics closed as completed.</summary>
    public long DeedsDone { get; init; }

    public long Evaluations { get; init; }

    public long RatingSum { get; init; }

    /// <summary>Seconds, comments, meeting registrations and evaluations made by residents.</summary>
    public long Participations { get; init; }

    public static string IdFor(int year) => $"topics~{year}";
}

/// <summary>Counter names, as stored.</summary>
public static class StatCounters
{
    public const string TopicsProposed = "/topicsProposed";
    public const string DeliberationsHeld = "/deliberationsHeld";
    public const string DeedsDone = "/deedsDone";
    public const string Evaluations = "/evaluations";
    public const string RatingSum = "/ratingSum";
    public const string Participations = "/participations";
}

public sealed class TopicStatsStore(CosmosClient cosmos, OrgDirectory orgs)
{
    private readonly Container _stats = cosmos.GetContainer(StoreNames.Database, StoreNames.Containers.Topics);

    /// <summary>The id of the counters for the year of <paramref name="at"/>.</summary>
    public static string IdFor(DateTimeOffset at) => CommunityYearStats.IdFor(ChinaTime.YearOf(at));

    /// <summary>Atomic increments of the community's counters for the year of <paramref name="at"/>.</summary>
    public async Task IncrementAsync(string communityId, DateTimeOffset at, IReadOnlyList<(string Counter, long Delta)> counters, CancellationToken cancellationToken)
    {
        var id = IdFor(at);
        var operations = Increments(counters);
        if (!await _stats.TryPatchExistingAsync(id, new PartitionKey(communityId), operations, cancellationToken))
        {
            await EnsureAsync(communityId, at, cancellationToken);
            await _stats.PatchItemAsync<CommunityYearStats>(id, new PartitionKey(communityId), operations, new PatchItemRequestOptions { EnableContentResponseOnWrite = false }, cancellationToken);
        }
    }

    /// <summary>The patch that moves each counter by its delta.</summary>
    public static PatchOperation[] Increments(IEnumerable<(string Path, long Delta)> counters) =>
        [.. counters.Select(c => PatchOperation.Increment(c.Path, c.Delta))];

    /// <summary>Creates the community's counters for the year of <paramref name="at"/> unless they exist: its first count of the year.</summary>
    public async Task EnsureAsync(string communityId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var year = ChinaTime.YearOf(at);
        var org = await orgs.FindAsync(communityId, cancellationToken);
        var fresh = new CommunityYearStats { Id = CommunityYearStats.IdFor(year), OrgId = communityId, Year = year, Path = [.. org?.Path ?? [], communityId] };
        // Null when another request created it first: the increments that follow apply to theirs.
        await _stats.TryCreateAsync(fresh, new PartitionKey(communityId), cancellationToken, returnContent: false);
    }

    /// <summary>
    /// The year's counters of every community in the subtree. Crosses partitions by nature (one small document per
    /// community with activity), and meets no topic: the kind and the year select the counters alone.
    /// </summary>
    public IAsyncEnumerable<CommunityYearStats> WithinAsync(string orgId, int year, CancellationToken cancellationToken) =>
        _stats.DrainAsync<CommunityYearStats>(
            new QueryDefinition("SELECT * FROM s WHERE s.kind = @kind AND s.year = @year AND ARRAY_CONTAINS(s.path, @org)")
                .WithParameter("@kind", CommunityYearStats.DocumentKind).WithParameter("@year", year).WithParameter("@org", orgId),
            partitionKey: null,
            cancellationToken);
}
