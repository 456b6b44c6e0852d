using GongTongDizao.Core.Features.Letters;

namespace GongTongDizao.EndToEnd.Tests.Performance;

/// <summary>Receiving a letter sends one timer message; the reply deadline's is chained from the accept deadline's check.</summary>
public sealed class DeadlineTimerTests
{
    private static readonly DateTimeOffset s_now = new(2025, 5, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Receiving_a_letter_schedules_only_the_accept_deadline_when_the_reply_deadline_falls_later()
    {
        var (received, _, timers) = LetterReception.Receive(Letter(), new LettersOptions(), "u1", s_now);

        var timer = Assert.Single(timers);
        Assert.Equal(LetterTimers.AcceptDeadlineKind, timer.Kind);
        Assert.Equal(received.Deadlines.AcceptBy, timer.DueAt);
        Assert.True(LetterDeadlineHandler.ChainsReplyDeadline(received));
    }

    [Fact]
    public void A_reply_deadline_before_the_accept_deadline_is_scheduled_at_once()
    {
        var options = new LettersOptions { AcceptDeadline = TimeSpan.FromDays(3), ReplyDeadline = TimeSpan.FromDays(1) };

        var (received, _, timers) = LetterReception.Receive(Letter(), options, "u1", s_now);

        Assert.Equal([LetterTimers.AcceptDeadlineKind, LetterTimers.ReplyDeadlineKind], timers.Select(t => t.Kind));
        Assert.Equal(received.Deadlines.ReplyBy, timers[1].DueAt);
        Assert.False(LetterDeadlineHandler.ChainsReplyDeadline(received));
    }

    private static Letter Letter() => new()
    {
        Id = LetterStore.NewId("420106001001"),
        CommunityId = "420106001001",
        HandlingOrgId = "420106001001",
        AuthorId = "u1",
        Anonymous = false,
        Category = LetterCategory.Employment,
        Title = "标题",
        Content = "内容",
        Status = LetterStatus.Submitted,
        CreatedAt = s_now,
    };
}
