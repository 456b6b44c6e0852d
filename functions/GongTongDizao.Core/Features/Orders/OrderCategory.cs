namespace GongTongDizao.Core.Features.Orders;

/// <summary>
/// One entry of the menu residents order from (青年点单的服务菜单), maintained by administrators
/// (<see cref="OrderMenu"/>). A retired entry stays on the menu document so orders and teams that carry its code
/// keep a name for it; residents and staff can no longer choose it.
/// </summary>
public sealed record OrderCategory(string Code, string Name, string? Description, bool Active, DateTimeOffset? UpdatedAt = null);

public static class OrderCategories
{
    /// <summary>A category code: lower-case letters, digits and underscores, starting with a letter (it is stored on orders and teams for good).</summary>
    public const string CodePattern = "^[a-z][a-z0-9_]{1,31}$";

    public const int MaxCodeLength = 32;

    public const int MaxNameLength = 12;

    public const int MaxDescriptionLength = 60;

    /// <summary>Most a menu holds: the order form is a picker, and retired entries stay on it.</summary>
    public const int MaxEntries = 50;

    /// <summary>
    /// The menu of a deployment whose administrators have not edited it yet (decision 0013): the common 青年点单 services,
    /// so a fresh deployment takes orders on day one. The first edit stores this list with the change.
    /// </summary>
    public static IReadOnlyList<OrderCategory> Defaults { get; } =
    [
        new("elder_care", "助老助残", "陪同就医、上门探望、代办事务", true),
        new("errands", "代买代办", "代买生活用品、代缴费用", true),
        new("digital_help", "智能手机帮教", "教老人用手机、挂号、视频通话", true),
        new("tutoring", "课业辅导", "作业辅导、课外阅读", true),
        new("companionship", "陪伴关爱", "陪伴聊天、关爱留守儿童和独居老人", true),
        new("cleanup", "环境整治", "楼道清理、小区环境整治", true),
        new("other", "其他", null, true),
    ];

    /// <summary>The name an order placed before it carried its category's name is shown with: the built-in name, else the code.</summary>
    public static string DefaultLabel(string code) => Defaults.FirstOrDefault(c => c.Code == code)?.Name ?? code;

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
