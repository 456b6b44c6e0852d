using System.Text.Json.Serialization;
using GongTongDizao.Core.Storage;
using Microsoft.Azure.Cosmos;

namespace GongTongDizao.Core.Features.Orders;

/// <summary>The stored service menu: one small document in the settings container, guarded by its ETag.</summary>
public sealed record OrderMenuDocument
{
    [JsonPropertyName("id")]
    public string Id { get; init; } = OrderMenu.DocumentId;

    public IReadOnlyList<OrderCategory> Items { get; init; } = [];

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }
}

/// <summary>
/// The service menu administrators maintain (decision 0013). Until the first edit nothing is stored and the built-in
/// <see cref="OrderCategories.Defaults"/> are the menu. The order form and the checks on new orders and teams read a
/// snapshot kept for a minute, as the org tree is kept (one point read a minute per instance, not one per order);
/// an edit on this instance replaces it at once, other instances see it within the minute. Administrators read and
/// write the stored document itself.
/// </summary>
public sealed class OrderMenu(CosmosClient cosmos, TimeProvider time)
{
    public const string DocumentId = "order-categories";

    /// <summary>The version of a menu nobody has edited yet (nothing stored): an If-Match with it means "still the defaults".</summary>
    public const string DefaultVersion = "default";

    private static readonly TimeSpan s_refreshAfter = TimeSpan.FromMinutes(1);

    private readonly Container _settings = cosmos.GetContainer(StoreNames.Database, StoreNames.Containers.Settings);

    private Snapshot? _snapshot;

    /// <summary>The stored menu, or null while administrators have not edited it.</summary>
    public Task<OrderMenuDocument?> FindAsync(CancellationToken cancellationToken) =>
        _settings.FindAsync<OrderMenuDocument>(DocumentId, new PartitionKey(DocumentId), cancellationToken);

    /// <summary>Every entry, retired ones included, in menu order.</summary>
    public async Task<IReadOnlyList<OrderCategory>> EntriesAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_snapshot is { } current && now >= current.LoadedAt && now - current.LoadedAt < s_refreshAfter)
        {
            return current.Entries;
        }

        var entries = (await FindAsync(cancellationToken))?.Items ?? OrderCategories.Defaults;
        _snapshot = new Snapshot(entries, now);
        return entries;
    }

    /// <summary>The entry a new order or team may name: on the menu and not retired; otherwise <c>ORDER_CATEGORY_UNAVAILABLE</c>.</summary>
    public async Task<Result<OrderCategory>> ActiveAsync(string? code, CancellationToken cancellationToken) =>
        (await EntriesAsync(cancellationToken)).FirstOrDefault(c => c.Active && c.Code == code) is { } entry
            ? entry
            : Error.From(ErrorCodes.OrderCategoryUnavailable);

    /// <summary>Null when every code is an active entry, else <c>ORDER_CATEGORY_UNAVAILABLE</c> naming the first that is not.</summary>
    public async Task<Error?> CheckActiveAsync(IReadOnlyCollection<string> codes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(codes);
        if (codes.Count == 0)
        {
            return null;
        }

        var active = (await EntriesAsync(cancellationToken)).Where(c => c.Active).Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        return codes.FirstOrDefault(c => !active.Contains(c)) is { } missing
            ? Error.From(ErrorCodes.OrderCategoryUnavailable, $"服务类别 {missing} 已停用或不存在")
            : null;
    }

    /// <summary>Creates the first stored menu; null when someone stored one first.</summary>
    public async Task<OrderMenuDocument?> TryCreateAsync(OrderMenuDocument menu, CancellationToken cancellationToken) =>
        Remember(await _settings.TryCreateAsync(menu with { Id = DocumentId, ETag = null }, new PartitionKey(DocumentId), cancellationToken));

    /// <summary>Saves the menu if nobody changed it since it was read; null when someone did.</summary>
    public async Task<OrderMenuDocument?> TryReplaceAsync(OrderMenuDocument menu, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(menu);
        return Remember(await _settings.TryReplaceAsync(menu with { ETag = null }, DocumentId, new PartitionKey(DocumentId), menu.ETag, cancellationToken));
    }

    /// <summary>A saved menu is this instance's snapshot at once; a lost race drops the snapshot, so the next read is fresh.</summary>
    private OrderMenuDocument? Remember(OrderMenuDocument? saved)
    {
        _snapshot = saved is null ? null : new Snapshot(saved.Items, time.GetUtcNow());
        return saved;
    }

    private sealed record Snapshot(IReadOnlyList<OrderCategory> Entries, DateTimeOffset LoadedAt);
}
