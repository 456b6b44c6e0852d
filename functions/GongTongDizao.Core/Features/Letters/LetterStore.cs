using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using GongTongDizao.Core.Aggregates;
using GongTongDizao.Core.Storage;
using Microsoft.Azure.Cosmos;

namespace GongTongDizao.Core.Features.Letters;

/// <summary>
/// Letters in Cosmos. Every query is parameterised and names the partition key in its WHERE clause whenever one
/// partition is meant; the only cross-partition reads are the staff listings and statistics over a subtree of several
/// communities, moderation and the rare personal-data requests.
/// </summary>
public sealed partial class LetterStore(CosmosClient cosmos) : IAggregateStore<Letter>
{
    public const int MaxPageSize = 50;

    private readonly Container _letters = cosmos.GetContainer(StoreNames.Database, StoreNames.Containers.Letters);

    public string ContainerName => StoreNames.Containers.Letters;

    public static string NewId(string communityId) => $"{communityId}~{Guid.NewGuid():N}";

    /// <summary>The partition (community) a letter id names, or null when the id is not one of ours.</summary>
    public static string? CommunityOf(string? letterId) =>
        letterId is not null && IdPattern().Match(letterId) is { Success: true } match ? match.Groups[1].Value : null;

    public async Task<Letter?> FindAsync(string id, CancellationToken cancellationToken) =>
        CommunityOf(id) is { } community ? await _letters.FindAsync<Letter>(id, new PartitionKey(community), cancellationToken) : null;

    public async Task<Letter> CreateAsync(Letter letter, CancellationToken cancellationToken) =>
        (await _letters.CreateItemAsync(letter with { ETag = null }, new PartitionKey(letter.CommunityId), cancellationToken: cancellationToken)).Resource;

    /// <summary>Saves the letter if nobody changed it since <paramref name="ifMatch"/> was read; null otherwise (never a lost update).</summary>
    public Task<Letter?> TryReplaceAsync(Letter letter, string? ifMatch, CancellationToken cancellationToken) =>
        _letters.TryReplaceAsync(letter with { ETag = null }, letter.Id, new PartitionKey(letter.CommunityId), ifMatch, cancellationToken);

    /// <summary>Saves the letter if nobody changed it since it was read; otherwise CONCURRENT_CHANGE.</summary>
    public async Task<Result<Letter>> ReplaceAsync(Letter letter, CancellationToken cancellationToken) =>
        ConditionalWrites.OrConcurrentChange(await TryReplaceAsync(letter, letter.ETag, cancellationToken));

    /// <summary>The author's letters in one community, newest first: one single-partition query per page.</summary>
    public Task<StorePage<Letter>> PageMineAsync(string communityId, string authorId, string? continuation, int pageSize, CancellationToken cancellationToken)
    {
        var query = new QueryDefinition("SELECT * FROM c WHERE c.communityId = @community AND c.authorId = @author ORDER BY c.createdAt DESC")
            .WithParameter("@community", communityId)
            .WithParameter("@author", authorId);
        return _letters.ReadPageAsync<Letter>(query, new PartitionKey(communityId), continuation, pageSize, cancellationToken);
    }

    /// <summary>
    /// Letters staff may see: within the filter org's subtree and handled by an org under one of the staff's scope
    /// roots, never held or rejected by moderation. Single-partition when the filter names a community.
    /// </summary>
    public Task<StorePage<Letter>> PageForStaffAsync(StaffLetterFilter filter, string? continuation, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var sql = new StringBuilder("SELECT * FROM c WHERE c.status != @held AND c.status != @rejected");
        var parameters = new List<(string, object)> { ("@held", LetterCodes.Of(LetterStatus.Held)), ("@rejected", LetterCodes.Of(LetterStatus.Rejected)) };
        if (filter.OrgId is not null)
        {
            sql.Append(" AND ARRAY_CONTAINS(c.orgPath, @org)");
            parameters.Add(("@org", filter.OrgId));
        }

        if (filter.CommunityId is not null)
        {
            sql.Append(" AND c.communityId = @community");
            parameters.Add(("@community", filter.CommunityId));
        }

        sql.Append(" AND (");
        for (var i = 0; i < filter.ScopeRoots.Count; i++)
        {
            sql.Append(i == 0 ? "" : " OR ").Append("ARRAY_CONTAINS(c.handlingPath, @root").Append(i).Append(')');
            parameters.Add(($"@root{i}", filter.ScopeRoots[i]));
        }

        sql.Append(')');
        if (filter.Status is { } status)
        {
            sql.Append(" AND c.status = @status");
            parameters.Add(("@status", LetterCodes.Of(status)));
        }

        if (filter.Category is { } category)
        {
            sql.Append(" AND c.category = @category");
            parameters.Add(("@category", LetterCodes.Of(category)));
        }

        if (filter.Overdue is { } overdue)
        {
            sql.Append(" AND c.overdue = @overdue");
            parameters.Add(("@overdue", overdue));
        }

        sql.Append(" ORDER BY c.createdAt DESC");
        var query = new QueryDefinition(sql.ToString());
        foreach (var (name, value) in parameters)
        {
            query = query.WithParameter(name, value);
        }

        return _letters.ReadPageAsync<Letter>(query, filter.CommunityId is null ? null : new PartitionKey(filter.CommunityId), continuation, pageSize, cancellationToken);
    }

    /// <summary>Held letters of the given subtrees (moderators' queue; crosses partitions, finds only held items).</summary>
    public async IAsyncEnumerable<Letter> HeldWithinAsync(IReadOnlyList<string> roots, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (roots.Count == 0)
        {
            yield break;
        }

        var sql = new StringBuilder("SELECT * FROM c WHERE c.status = @held AND (");
        for (var i = 0; i < roots.Count; i++)
        {
            sql.Append(i == 0 ? "" : " OR ").Append("ARRAY_CONTAINS(c.orgPath, @root").Append(i).Append(')');
        }

        var query = new QueryDefinition(sql.Append(") ORDER BY c.createdAt").ToString()).WithParameter("@held", LetterCodes.Of(LetterStatus.Held));
        for (var i = 0; i < roots.Count; i++)
        {
            query = query.WithParameter($"@root{i}", roots[i]);
        }

        await foreach (var letter in _letters.DrainAsync<Letter>(query, partitionKey: null, cancellationToken))
        {
            yield return letter;
        }
    }

    /// <summary>Every letter a staff member was assigned or replied to (deletion only; crosses partitions).</summary>
    public IAsyncEnumerable<Letter> ByStaffAsync(string staffId, CancellationToken cancellationToken) =>
        _letters.DrainAsync<Letter>(
            new QueryDefinition("SELECT * FROM c WHERE c.assignee.userId = @staff OR ARRAY_CONTAINS(c.replies, {\"byUserId\": @staff}, true)").WithParameter("@staff", staffId),
            partitionKey: null,
            cancellationToken);

    /// <summary>Every letter a person wrote, wherever they lived at the time (export and deletion only; crosses partitions).</summary>
    public IAsyncEnumerable<Letter> ByAuthorAsync(string authorId, CancellationToken cancellationToken) =>
        _letters.DrainAsync<Letter>(new QueryDefinition("SELECT * FROM c WHERE c.authorId = @author").WithParameter("@author", authorId), partitionKey: null, cancellationToken);

    /// <summary>A COUNT over the letters of a subtree created in [from, to), with one extra condition on the letter <c>c</c>.</summary>
    public Task<long> CountAsync(LetterStatsScope scope, string condition, IReadOnlyList<(string Name, object Value)> parameters, CancellationToken cancellationToken) =>
        _letters.SumAsync(ScopedQuery("SELECT VALUE COUNT(1) FROM c", scope, condition, parameters), partitionKey: null, cancellationToken);

    /// <summary>One number per matching letter (for medians): a projection, never whole letters.</summary>
    public IAsyncEnumerable<long> ValuesAsync(LetterStatsScope scope, string path, CancellationToken cancellationToken) =>
        _letters.DrainAsync<long>(ScopedQuery($"SELECT VALUE c.{path} FROM c", scope, $"IS_NUMBER(c.{path})", []), partitionKey: null, cancellationToken);

    private static QueryDefinition ScopedQuery(string select, LetterStatsScope scope, string condition, IReadOnlyList<(string Name, object Value)> parameters)
    {
        var sql = $"{select} WHERE ARRAY_CONTAINS(c.orgPath, @org) AND c.createdAt >= @from AND c.createdAt < @to"
            + (scope.CommunityId is null ? "" : " AND c.communityId = @community")
            + (string.IsNullOrEmpty(condition) ? "" : $" AND {condition}");
        var query = new QueryDefinition(sql)
            .WithParameter("@org", scope.OrgId)
            .WithParameter("@from", scope.From.ToUniversalTime())
            .WithParameter("@to", scope.To.ToUniversalTime());
        if (scope.CommunityId is not null)
        {
            query = query.WithParameter("@community", scope.CommunityId);
        }

        foreach (var (name, value) in parameters)
        {
            query = query.WithParameter(name, value);
        }

        return query;
    }

    [GeneratedRegex("^([0-9A-Za-z]{2,32})~[0-9a-f]{32}$")]
    private static partial Regex IdPattern();
}

/// <summary>What a staff listing asks for; <see cref="ScopeRoots"/> are the caller's HandleLetters roots.</summary>
public sealed record StaffLetterFilter(string? OrgId, string? CommunityId, IReadOnlyList<string> ScopeRoots, LetterStatus? Status, LetterCategory? Category, bool? Overdue);

/// <summary>Statistics over the letters of org <see cref="OrgId"/>'s subtree created in [From, To).</summary>
public sealed record LetterStatsScope(string OrgId, string? CommunityId, DateTimeOffset From, DateTimeOffset To);
