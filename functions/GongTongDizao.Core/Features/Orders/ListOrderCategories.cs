namespace GongTongDizao.Core.Features.Orders;

public sealed record OrderCategoryOption(OrderCategory Code, string Label);

public sealed record OrderCategoryList(IReadOnlyList<OrderCategoryOption> Items);

/// <summary>The service menu for the order form, in declaration order with the zh-CN labels.</summary>
public sealed class ListOrderCategories
{
    private readonly OrderCategoryList _all = new([.. Enum.GetValues<OrderCategory>().Select(c => new OrderCategoryOption(c, OrderCategories.Label(c)))]);

    public Task<Result<OrderCategoryList>> HandleAsync(CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested ? Task.FromCanceled<Result<OrderCategoryList>>(cancellationToken) : Task.FromResult<Result<OrderCategoryList>>(_all);
}
