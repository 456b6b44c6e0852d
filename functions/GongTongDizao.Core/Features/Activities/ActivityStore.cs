using System.Security.Cryptography;
using System.Text;
using GongTongDizao.Core.Aggregates;
using GongTongDizao.Core.Storage;
using Microsoft.Azure.Cosmos;

namespace GongTongDizao.Core.Features.Activities;

/// <summary>
/// Activities in Cosmos, one partition each (an activity is read by id far more than listed). The public list by node,
/// kind and "upcoming" is a cross-partition query on the org path, as the team list is.
/// </summary>
public sealed class ActivityStore(CosmosClient cosmos) : IAggregateStore<Activity>
{
    private readonly Container _activities = cosmos.GetContainer(StoreNames.Database, StoreNames.Containers.Activities);

    public string ContainerName => StoreNames.Containers.Activities;

    /// <summary>Random like team ids: an activity id says nothing about who made it or when.</summary>
    public static string NewId() => "a" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    public static bool IsId(string? id) => id is { Length: 25 } && id[0] == 'a' && id.Skip(1).All(char.IsAsciiHexDigitLower);

    public async Task<Activity?> FindAsync(string id, CancellationToken cancellationToken) =>
        IsId(id) ? await _activities.FindAsync<Activity>(id, new PartitionKey(id), cancellationToken) : null;

    public async Task<Activity> CreateAsync(Activity item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        return (await _activities.CreateItemAsync(item with { ETag = null }, new PartitionKey(item.Id), cancellationToken: cancellationToken)).Resource;
    }

    public Task<Activity?> TryReplaceAsync(Activity item, string? ifMatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        return _activities.TryReplaceAsync(item with { ETag = null }, item.Id, new PartitionKey(item.Id), ifMatch, cancellationToken);
    }

    /// <summary>
    /// Activities under <paramref name="orgId"/>, published or cancelled (held text excluded), soonest first; with
    /// <paramref name="endsAfter"/>: not yet ended then.
    /// </summary>
    public Task<StorePage<Activity>> PageAsync(string orgId, ActivityKind? kind, DateTimeOffset? endsAfter, string? position, int pageSize, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder("SELECT * FROM c WHERE ARRAY_CONTAINS(c.orgPath, @org) AND NOT c.contentHeld");
        if (kind is not null)
        {
            sql.Append(" AND c.kind = @kind");
        }

        if (endsAfter is not null)
        {
            sql.Append(" AND c.endsAt > @after");
        }

        var query = new QueryDefinition(sql.Append(" ORDER BY c.startsAt ASC").ToString())
            .WithParameter("@org", orgId);
        if (kind is { } k)
        {
            query = query.WithParameter("@kind", Orders.OrderCategories.Code(k));
        }

        if (endsAfter is { } after)
        {
            query = query.WithParameter("@after", after.ToUniversalTime());
        }

        return _activities.ReadPageAsync<Activity>(query, null, position, pageSize, cancellationToken);
    }

    /// <summary>Activities a person created (export and deletion; crosses partitions).</summary>
    public IAsyncEnumerable<Activity> ByCreatorAsync(string userId, CancellationToken cancellationToken) =>
        _activities.DrainAsync<Activity>(new QueryDefinition("SELECT * FROM c WHERE c.createdBy = @user").WithParameter("@user", userId), (PartitionKey?)null, cancellationToken);
}
