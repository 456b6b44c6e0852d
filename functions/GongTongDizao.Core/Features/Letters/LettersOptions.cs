using System.ComponentModel.DataAnnotations;

namespace GongTongDizao.Core.Features.Letters;

/// <summary>Deadlines and limits of the youth mailbox (app settings <c>Letters__AcceptDeadline</c> …).</summary>
public sealed class LettersOptions
{
    public const string SectionName = "Letters";

    /// <summary>Staff should accept a letter within this time of receiving it.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan AcceptDeadline { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Staff should reply within this time of receiving it (or of its reopening).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "90.00:00:00")]
    public TimeSpan ReplyDeadline { get; set; } = TimeSpan.FromDays(7);

    /// <summary>A replied letter nobody evaluates closes itself after this time.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "90.00:00:00")]
    public TimeSpan AutoCloseAfter { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Letters one resident may write per day (China Standard Time).</summary>
    [Range(1, 100)]
    public int DailyLimit { get; set; } = 5;
}
