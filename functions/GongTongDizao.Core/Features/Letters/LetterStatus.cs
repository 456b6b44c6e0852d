namespace GongTongDizao.Core.Features.Letters;

/// <summary>Where a letter is in its life; written snake_case_lower (<c>in_progress</c>) by the shared JSON settings.</summary>
public enum LetterStatus
{
    Held,
    Submitted,
    Accepted,
    InProgress,
    Replied,
    Closed,
    Withdrawn,
    Rejected,
    Duplicate,
    Reopened,
}

/// <summary>What someone does to a letter; one row of <see cref="LetterLifecycle"/> per allowed (state, action, role).</summary>
public enum LetterAction
{
    Approve,
    Reject,
    Withdraw,
    Accept,
    Assign,
    Reply,
    Transfer,
    MarkDuplicate,
    Evaluate,
    Reopen,
    AutoClose,
}

/// <summary>The part the actor plays towards this letter (not a staff role in general).</summary>
public enum LetterActor
{
    Author,
    Staff,
    Moderator,
    System,
}

/// <summary>The mailbox's categories; the zh-CN labels are in <see cref="LetterCategories"/> and the contract.</summary>
public enum LetterCategory
{
    Employment,
    Integration,
    Housing,
    DailyLife,
    Childcare,
    Volunteering,
    Other,
}

public static class LetterCategories
{
    public static string Label(LetterCategory category) => category switch
    {
        LetterCategory.Employment => "创业就业",
        LetterCategory.Integration => "社会融入",
        LetterCategory.Housing => "住房保障",
        LetterCategory.DailyLife => "生活烦恼",
        LetterCategory.Childcare => "假日托管",
        LetterCategory.Volunteering => "志愿服务",
        _ => "其他",
    };

    /// <summary>The stored and API spelling (snake_case_lower), for query parameters.</summary>
    public static string Code(LetterCategory category) => LetterCodes.Of(category);
}

internal static class LetterCodes
{
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum =>
        System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    public static bool TryParse<TEnum>(string? code, out TEnum value) where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(Of(candidate), code, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}
