namespace GongTongDizao.Core.Features.Orders;

/// <summary>
/// The whole menu as administrators manage it: retired entries included. <see cref="Version"/> goes back as
/// <c>If-Match</c> to change it only if nobody else did meanwhile; <see cref="Stored"/> is false while the built-in menu is in use.
/// </summary>
public sealed record ManagedOrderCategoryList(IReadOnlyList<OrderCategory> Items, string Version, bool Stored);

/// <summary>An administrator reads the service menu (function key).</summary>
public sealed class ListManagedOrderCategories(OrderMenu menu)
{
    public async Task<Result<ManagedOrderCategoryList>> HandleAsync(CancellationToken cancellationToken) =>
        View(await menu.FindAsync(cancellationToken));

    public static ManagedOrderCategoryList View(OrderMenuDocument? stored) =>
        stored is null
            ? new ManagedOrderCategoryList(OrderCategories.Defaults, OrderMenu.DefaultVersion, false)
            : new ManagedOrderCategoryList(stored.Items, stored.ETag ?? OrderMenu.DefaultVersion, true);
}
