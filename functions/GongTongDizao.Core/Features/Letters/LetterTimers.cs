using GongTongDizao.Core.Timers;

namespace GongTongDizao.Core.Features.Letters;

/// <summary>The deadline checks a letter schedules, as <see cref="TimerMessage"/> kinds handled by <see cref="LetterDeadlineHandler"/>.</summary>
public static class LetterTimers
{
    public const string AcceptDeadlineKind = "letter.accept_deadline";
    public const string ReplyDeadlineKind = "letter.reply_deadline";
    public const string AutoCloseKind = "letter.auto_close";

    public static TimerMessage For(string kind, Letter letter, DateTimeOffset dueAt)
    {
        ArgumentNullException.ThrowIfNull(letter);
        return new TimerMessage(kind, letter.Id, letter.CommunityId, dueAt);
    }
}
