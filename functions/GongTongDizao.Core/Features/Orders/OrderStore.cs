using System.Text;
using System.Text.RegularExpressions;
using GongTongDizao.Core.Aggregates;
using GongTongDizao.Core.Storage;
using Microsoft.Azure.Cosmos;

namespace GongTongDizao.Core.Features.Orders;

/// <summary>
/// Orders in Cosmos, partitioned by community. A resident's list is one single-partition query; the office's and a
/// team's lists cross partitions on the org path (staff and teams only), as do export and deletion.
/// </summary>
public sealed partial class OrderStore(CosmosClient cosmos) : IAggregateStore<Order>
{
    public const int MaxPageSize = 50;

    private readonly Container _orders = cosmos.GetContainer(StoreNames.Database, StoreNames.Containers.Orders);

    public string ContainerName => StoreNames.Containers.Orders;

    public static string NewId(string communityId) => $"{communityId}~{Guid.NewGuid():N}";

    public static string? CommunityOf(string? orderId) =>
        orderId is not null && IdPattern().Match(orderId) is { Success: true } match ? match.Groups[1].Value : null;

    public async Task<Order?> FindAsync(string id, CancellationToken cancellationToken) =>
        CommunityOf(id) is { } community ? await _orders.FindAsync<Order>(id, new PartitionKey(community), cancellationToken) : null;

    public async Task<Order> CreateAsync(Order order, CancellationToken cancellationToken) =>
        (await _orders.CreateItemAsync(order with { ETag = null }, new PartitionKey(order.CommunityId), cancellationToken: cancellationToken)).Resource;

    /// <summary>Saves the order if nobody changed it since it was read; a lost race is null (the caller decides what it means).</summary>
    public Task<Order?> TryReplaceAsync(Order order, CancellationToken cancellationToken) => TryReplaceAsync(order, order.ETag, cancellationToken);

    public Task<Order?> TryReplaceAsync(Order item, string? ifMatch, CancellationToken cancellationToken) =>
        _orders.TryReplaceAsync(item with { ETag = null }, item.Id, new PartitionKey(item.CommunityId), ifMatch, cancellationToken);

    public Task<StorePage<Order>> PageMineAsync(string communityId, string requesterId, string? continuation, int pageSize, CancellationToken cancellationToken) =>
        PageAsync(
            new QueryDefinition("SELECT * FROM c WHERE c.communityId = @community AND c.requesterId = @requester ORDER BY c.createdAt DESC")
                .WithParameter("@community", communityId).WithParameter("@requester", requesterId),
            new PartitionKey(communityId),
            continuation,
            pageSize,
            cancellationToken);

    /// <summary>Orders of the office: within <paramref name="orgId"/>'s subtree (already checked to be in the caller's scope).</summary>
    public Task<StorePage<Order>> PageForOfficeAsync(string orgId, OrderStatus? status, string? continuation, int pageSize, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder("SELECT * FROM c WHERE ARRAY_CONTAINS(c.orgPath, @org)");
        if (status is not null)
        {
            sql.Append(" AND c.status = @status");
        }

        var query = new QueryDefinition(sql.Append(" ORDER BY c.createdAt DESC").ToString()).WithParameter("@org", orgId);
        if (status is { } s)
        {
            query = query.WithParameter("@status", OrderCategories.Code(s));
        }

        return PageAsync(query, null, continuation, pageSize, cancellationToken);
    }

    /// <summary>What a team sees: orders pooled in its area, and those dispatched to or taken by it.</summary>
    public Task<StorePage<Order>> PageForTeamAsync(string teamId, string teamOrgId, string? continuation, int pageSize, CancellationToken cancellationToken) =>
        PageAsync(
            new QueryDefinition("SELECT * FROM c WHERE ARRAY_CONTAINS(c.orgPath, @org) AND ((c.status = @pooled AND NOT c.contentHeld) OR c.team.teamId = @team) ORDER BY c.createdAt DESC")
                .WithParameter("@org", teamOrgId).WithParameter("@pooled", OrderCategories.Code(OrderStatus.Pooled)).WithParameter("@team", teamId),
            null,
            continuation,
            pageSize,
            cancellationToken);

    /// <summary>Every order a person placed (export and deletion only; crosses partitions).</summary>
    public IAsyncEnumerable<Order> ByRequesterAsync(string requesterId, CancellationToken cancellationToken) =>
        StreamAsync<Order>(new QueryDefinition("SELECT * FROM c WHERE c.requesterId = @requester").WithParameter("@requester", requesterId), cancellationToken);

    /// <summary>Every order a person served as a named volunteer or delivered (deletion only; crosses partitions).</summary>
    public IAsyncEnumerable<Order> ByVolunteerAsync(string userId, CancellationToken cancellationToken) =>
        StreamAsync<Order>(
            new QueryDefinition("SELECT * FROM c WHERE ARRAY_CONTAINS(c.volunteers, {\"userId\": @user}, true) OR c.delivery.byUserId = @user").WithParameter("@user", userId),
            cancellationToken);

    /// <summary>The orders of a subtree created in [from, to), for the statistics: only the fields the numbers need.</summary>
    public IAsyncEnumerable<OrderFacts> FactsAsync(string orgId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        StreamAsync<OrderFacts>(
            new QueryDefinition("SELECT c.status, c.metrics, c.team, c.volunteers FROM c WHERE ARRAY_CONTAINS(c.orgPath, @org) AND c.createdAt >= @from AND c.createdAt < @to")
                .WithParameter("@org", orgId).WithParameter("@from", from.ToUniversalTime()).WithParameter("@to", to.ToUniversalTime()),
            cancellationToken);

    private IAsyncEnumerable<T> StreamAsync<T>(QueryDefinition query, CancellationToken cancellationToken) =>
        _orders.DrainAsync<T>(query, (PartitionKey?)null, cancellationToken);

    private Task<StorePage<Order>> PageAsync(QueryDefinition query, PartitionKey? partition, string? continuation, int pageSize, CancellationToken cancellationToken) =>
        _orders.ReadPageAsync<Order>(query, partition, continuation, pageSize, cancellationToken);

    [GeneratedRegex("^([0-9A-Za-z]{2,32})~[0-9a-f]{32}$")]
    private static partial Regex IdPattern();
}

/// <summary>The part of an order the statistics read.</summary>
public sealed record OrderFacts(OrderStatus Status, OrderMetrics Metrics, OrderTeamRef? Team, IReadOnlyList<OrderVolunteer>? Volunteers);
