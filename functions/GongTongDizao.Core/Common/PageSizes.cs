using System.Globalization;

namespace GongTongDizao.Core.Common;

/// <summary>The one reading of a list's <c>pageSize</c> query parameter: absent is the default, else 1 to the list's maximum.</summary>
public static class PageSizes
{
    public const int Default = 20;

    public static Result<int> Parse(string? raw, int max) =>
        string.IsNullOrEmpty(raw) ? Default
        : int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size >= 1 && size <= max ? size
        : Error.Validation("pageSize", $"每页条数须在 1 到 {max} 之间");
}
