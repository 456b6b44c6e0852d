using System.Globalization;

namespace GongTongDizao.Core.Features.Orders;

/// <summary>Paging as it arrives in a query string: both optional.</summary>
public sealed record OrderPageQuery(string? Continuation, string? PageSize)
{
    public const int DefaultPageSize = 20;

    public Result<int> ParsePageSize() =>
        string.IsNullOrEmpty(PageSize) ? DefaultPageSize
        : int.TryParse(PageSize, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size is >= 1 and <= OrderStore.MaxPageSize ? size
        : Error.Validation("pageSize", $"每页条数须在 1 到 {OrderStore.MaxPageSize} 之间");
}
