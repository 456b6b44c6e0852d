using GongTongDizao.Core.Common;
using GongTongDizao.Core.Features.Letters;
using GongTongDizao.Core.Timers;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.EndToEnd.Tests.Letters;

[Collection(LettersCollection.Name)]
public sealed class LetterConcurrencyAndDeadlineTests(LettersFixture host)
{
    [Fact]
    public async Task Reply_and_withdraw_at_the_same_time_one_wins_the_other_gets_409_and_nothing_is_lost()
    {
        var (resident, _) = await host.NewResidentAsync();
        var staff = await host.YouthWorkerAsync();
        for (var round = 0; round < 3; round++)
        {
            var id = (await host.SubmitAsync(resident, title: $"并发第{round}轮")).GetProperty("id").GetString()!;
            await host.ActAsync(staff, id, "accept");

            var reply = host.ActAsync(staff, id, "reply", new { content = "答复内容" });
            var withdraw = host.ActAsync(resident, id, "withdraw");
            var results = await Task.WhenAll(reply, withdraw);
            var final = await host.GetAsync(resident, id);

            Assert.Single(results, r => r.Status == 200);
            var loser = Assert.Single(results, r => r.Status != 200);
            Assert.Equal(409, loser.Status);
            Assert.Contains(loser.Body.GetProperty("code").GetString(), new[] { "CONCURRENT_CHANGE", "INVALID_STATE" });
            if (results[0].Status == 200)
            {
                Assert.Equal("replied", final.GetProperty("status").GetString());
                Assert.Equal(1, final.GetProperty("replies").GetArrayLength());
            }
            else
            {
                Assert.Equal("withdrawn", final.GetProperty("status").GetString());
                Assert.Equal(0, final.GetProperty("replies").GetArrayLength());
            }
        }
    }

    [Fact]
    public async Task A_save_based_on_a_stale_read_is_refused_with_CONCURRENT_CHANGE()
    {
        var (resident, _) = await host.NewResidentAsync();
        var id = (await host.SubmitAsync(resident)).GetProperty("id").GetString()!;
        var store = host.Services.GetRequiredService<LetterStore>();
        var first = await store.FindAsync(id, CancellationToken.None);
        var second = await store.FindAsync(id, CancellationToken.None);

        var saved = await store.ReplaceAsync(first! with { Status = LetterStatus.Withdrawn }, CancellationToken.None);
        var stale = await store.ReplaceAsync(second! with { Status = LetterStatus.Accepted }, CancellationToken.None);
        var final = await store.FindAsync(id, CancellationToken.None);

        Assert.True(saved.IsSuccess);
        Assert.Equal(ErrorCodes.ConcurrentChange, stale.Error?.Code);
        Assert.Equal(LetterStatus.Withdrawn, final!.Status);
    }

    [Fact]
    public async Task A_missed_accept_deadline_flags_the_letter_once_and_staff_can_filter_overdue_letters()
    {
        var (resident, _) = await host.NewResidentAsync();
        var staff = await host.YouthWorkerAsync();
        var id = (await host.SubmitAsync(resident, title: "超期未受理")).GetProperty("id").GetString()!;
        var store = host.Services.GetRequiredService<LetterStore>();
        var letter = await store.FindAsync(id, CancellationToken.None);
        var past = DateTimeOffset.UtcNow.AddMinutes(-1);
        await store.ReplaceAsync(letter! with { Deadlines = letter.Deadlines with { AcceptBy = past } }, CancellationToken.None);
        var handler = Handler(LetterTimers.AcceptDeadlineKind);
        var message = new TimerMessage(LetterTimers.AcceptDeadlineKind, id, LettersFixture.Community, past);

        await handler.HandleAsync(message, CancellationToken.None);
        await handler.HandleAsync(message, CancellationToken.None);
        var flagged = await store.FindAsync(id, CancellationToken.None);
        var overdue = await host.StaffListAsync(staff, $"orgId={LettersFixture.Community}&overdue=true&pageSize=50");
        var (_, accepted) = await host.ActAsync(staff, id, "accept");
        var late = await store.FindAsync(id, CancellationToken.None);

        Assert.True(flagged!.Overdue);
        Assert.Equal("accept", flagged.OverdueStage);
        Assert.NotNull(flagged.OverdueAt);
        Assert.Single(flagged.Timeline, s => s.Actor == LetterActor.System);
        Assert.Contains(overdue, l => l.GetProperty("id").GetString() == id);
        Assert.False(accepted.GetProperty("overdue").GetBoolean());
        Assert.False(late!.Metrics.AcceptedOnTime);
        Assert.NotNull(late.Metrics.AcceptSeconds);
    }

    [Fact]
    public async Task A_stale_deadline_message_changes_nothing()
    {
        var (resident, _) = await host.NewResidentAsync();
        var staff = await host.YouthWorkerAsync();
        var id = (await host.SubmitAsync(resident)).GetProperty("id").GetString()!;
        await host.ActAsync(staff, id, "accept");
        var store = host.Services.GetRequiredService<LetterStore>();
        var before = await store.FindAsync(id, CancellationToken.None);

        await Handler(LetterTimers.AcceptDeadlineKind).HandleAsync(new TimerMessage(LetterTimers.AcceptDeadlineKind, id, LettersFixture.Community, DateTimeOffset.UtcNow), CancellationToken.None);
        await Handler(LetterTimers.ReplyDeadlineKind).HandleAsync(new TimerMessage(LetterTimers.ReplyDeadlineKind, id, LettersFixture.Community, DateTimeOffset.UtcNow), CancellationToken.None);
        var after = await store.FindAsync(id, CancellationToken.None);

        Assert.Equal(before!.ETag, after!.ETag);
        Assert.False(after.Overdue);
    }

    [Fact]
    public async Task A_reply_nobody_evaluates_closes_itself_after_the_configured_time()
    {
        var (resident, _) = await host.NewResidentAsync();
        var staff = await host.YouthWorkerAsync();
        var id = (await host.SubmitAsync(resident)).GetProperty("id").GetString()!;
        await host.ActAsync(staff, id, "accept");
        var (_, replied) = await host.ActAsync(staff, id, "reply", new { content = "已答复" });
        var store = host.Services.GetRequiredService<LetterStore>();
        var letter = await store.FindAsync(id, CancellationToken.None);
        var options = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<LettersOptions>>().Value;
        var autoCloseAt = letter!.Deadlines.AutoCloseAt!.Value;

        await Handler(LetterTimers.AutoCloseKind).HandleAsync(new TimerMessage(LetterTimers.AutoCloseKind, id, LettersFixture.Community, DateTimeOffset.UtcNow), CancellationToken.None);
        var early = await store.FindAsync(id, CancellationToken.None);
        await store.ReplaceAsync(early! with { Deadlines = early.Deadlines with { AutoCloseAt = DateTimeOffset.UtcNow.AddSeconds(-1) } }, CancellationToken.None);
        await Handler(LetterTimers.AutoCloseKind).HandleAsync(new TimerMessage(LetterTimers.AutoCloseKind, id, LettersFixture.Community, DateTimeOffset.UtcNow), CancellationToken.None);
        var closed = await host.GetAsync(resident, id);

        Assert.Equal("replied", replied.GetProperty("status").GetString());
        Assert.InRange(autoCloseAt - letter.LastRepliedAt!.Value, options.AutoCloseAfter - TimeSpan.FromSeconds(1), options.AutoCloseAfter + TimeSpan.FromSeconds(1));
        Assert.Equal(LetterStatus.Replied, early.Status);
        Assert.Equal("closed", closed.GetProperty("status").GetString());
        Assert.Equal("auto_close", closed.GetProperty("timeline").EnumerateArray().Last().GetProperty("action").GetString());
    }

    private ITimerHandler Handler(string kind) => host.Services.GetServices<ITimerHandler>().Single(h => h.Kinds.Contains(kind));
}
