namespace GongTongDizao.Core.Features.Orders;

public sealed record OrderCategoryOption(string Code, string Label, string? Description);

public sealed record OrderCategoryList(IReadOnlyList<OrderCategoryOption> Items);

/// <summary>The service menu for the order form: the active entries of the live menu, in menu order, with their zh-CN names.</summary>
public sealed class ListOrderCategories(OrderMenu menu)
{
    public async Task<Result<OrderCategoryList>> HandleAsync(CancellationToken cancellationToken) =>
        new OrderCategoryList([.. (await menu.EntriesAsync(cancellationToken)).Where(c => c.Active).Select(c => new OrderCategoryOption(c.Code, c.Name, c.Description))]);
}
