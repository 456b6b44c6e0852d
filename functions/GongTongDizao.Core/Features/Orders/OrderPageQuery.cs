namespace GongTongDizao.Core.Features.Orders;

/// <summary>Paging as it arrives in a query string: both optional.</summary>
public sealed record OrderPageQuery(string? Continuation, string? PageSize)
{
    public const int DefaultPageSize = PageSizes.Default;

    public Result<int> ParsePageSize() => PageSizes.Parse(PageSize, OrderStore.MaxPageSize);
}
