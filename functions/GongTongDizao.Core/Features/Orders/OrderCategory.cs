namespace GongTongDizao.Core.Features.Orders;

/// <summary>The menu residents order from (青年点单的服务菜单); the zh-CN labels are in <see cref="OrderCategories"/> and the contract.</summary>
public enum OrderCategory
{
    ElderCare,
    Errands,
    DigitalHelp,
    Tutoring,
    Companionship,
    Cleanup,
    Other,
}

public static class OrderCategories
{
    public static string Label(OrderCategory category) => category switch
    {
        OrderCategory.ElderCare => "助老助残",
        OrderCategory.Errands => "代买代办",
        OrderCategory.DigitalHelp => "智能手机帮教",
        OrderCategory.Tutoring => "课业辅导",
        OrderCategory.Companionship => "陪伴关爱",
        OrderCategory.Cleanup => "环境整治",
        _ => "其他",
    };

    /// <summary>The stored and API spelling (snake_case_lower), for query parameters.</summary>
    public static string Code<TEnum>(TEnum value) where TEnum : struct, Enum =>
        System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    public static bool TryParse<TEnum>(string? code, out TEnum value) where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(Code(candidate), code, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}
