using GongTongDizao.Core.Auth;
using GongTongDizao.Core.Common;
using GongTongDizao.Core.Events;
using GongTongDizao.Core.Features.Identity;
using GongTongDizao.Core.Features.Letters;

namespace GongTongDizao.Core.Tests.Handlers;

/// <summary>The letters use cases through the real Core container: results, stored letters, published events, audit.</summary>
[Collection(HandlersCollection.Name)]
public sealed class LetterHandlerTests(HandlerFixture fixture) : HandlerTest(fixture)
{
    [Fact]
    public async Task Submit_stores_a_received_letter_with_deadlines_from_the_clock_and_publishes_letter_submitted()
    {
        var author = await Scope.NewPersonAsync(Tree.Community);

        var id = await SubmitAsync(author);

        var letter = await LetterAsync(id);
        Assert.Equal(LetterStatus.Submitted, letter.Status);
        Assert.Equal(HandlerScope.Start, letter.ReceivedAt);
        Assert.Equal(HandlerScope.Start.AddHours(24), letter.Deadlines.AcceptBy);
        Assert.Equal(HandlerScope.Start.AddDays(7), letter.Deadlines.ReplyBy);
        Assert.Equal([Tree.Province, Tree.City, Tree.District, Tree.Street, Tree.Community], letter.OrgPath);
        Assert.Equal(author.Id, letter.AuthorId);
        Assert.Equal("青年小王", letter.AuthorName);
        Assert.Empty(letter.Outbox);
        var submitted = Assert.Single(Scope.EventsOf(id));
        Assert.Equal(EventTypes.LetterSubmitted, submitted.Type);
        Assert.Equal(Tree.Community, submitted.OrgId);
        Assert.Equal(["letter.submitted"], await Scope.AuditActionsAsync(id));
    }

    [Fact]
    public async Task An_anonymous_letter_keeps_the_author_out_of_the_letter_name_and_the_event()
    {
        var author = await Scope.NewPersonAsync(Tree.Community);

        var id = await SubmitAsync(author, anonymous: true);

        var letter = await LetterAsync(id);
        Assert.Null(letter.AuthorName);
        var submitted = Assert.Single(Scope.EventsOf(id));
        Assert.Equal("anonymous", submitted.ActorId);
        Assert.DoesNotContain(author.Id, submitted.Data.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_without_a_home_community_is_a_validation_error_on_homeCommunityId()
    {
        var author = await Scope.NewPersonAsync(homeCommunityId: null);

        var result = await Submit(author);

        Assert.Equal(ErrorCodes.ValidationFailed, result.Error?.Code);
        Assert.True(result.Error!.Errors!.ContainsKey("homeCommunityId"));
        Assert.Empty(Scope.Published);
    }

    [Fact]
    public async Task Submit_with_a_street_as_home_is_refused_like_no_community()
    {
        var author = await Scope.NewPersonAsync(Tree.Street);

        var result = await Submit(author);

        Assert.Equal(ErrorCodes.ValidationFailed, result.Error?.Code);
        Assert.Empty(Scope.Published);
    }

    [Fact]
    public async Task Risky_text_is_refused_and_nothing_is_stored_or_published()
    {
        var author = await Scope.NewPersonAsync(Tree.Community);

        var result = await Submit(author, content: "这段话里有违禁词");

        Assert.Equal(ErrorCodes.ContentRejected, result.Error?.Code);
        Assert.Empty(Scope.Published);
        await foreach (var stored in Scope.Get<LetterStore>().ByAuthorAsync(author.Id, CancellationToken.None))
        {
            Assert.Fail($"Letter {stored.Id} was stored.");
        }
    }

    [Fact]
    public async Task Text_for_review_is_held_without_deadlines_or_event()
    {
        var author = await Scope.NewPersonAsync(Tree.Community);

        var id = await SubmitAsync(author, content: "请管理员看看 review-word");

        var letter = await LetterAsync(id);
        Assert.Equal(LetterStatus.Held, letter.Status);
        Assert.Null(letter.ReceivedAt);
        Assert.Null(letter.Deadlines.AcceptBy);
        Assert.Empty(Scope.EventsOf(id));
        Assert.Equal(["letter.held"], await Scope.AuditActionsAsync(id));
    }

    [Fact]
    public async Task The_sixth_letter_of_a_Beijing_day_is_rate_limited_until_midnight_and_the_next_day_is_free()
    {
        var author = await Scope.NewPersonAsync(Tree.Community);
        for (var i = 0; i < 5; i++)
        {
            await SubmitAsync(author, title: $"第 {i + 1} 封信");
        }

        var sixth = await Submit(author);
        // 10:00 in Beijing: the limit lifts at the next midnight, 14 hours later.
        Scope.Time.Advance(TimeSpan.FromHours(14));
        var nextDay = await Submit(author);

        Assert.Equal(ErrorCodes.RateLimited, sixth.Error?.Code);
        Assert.Equal(TimeSpan.FromHours(14), sixth.Error!.RetryAfter);
        Assert.True(nextDay.IsSuccess, nextDay.Error?.ToString());
        Assert.Equal(6, Scope.Published.Count(e => e.Type == EventTypes.LetterSubmitted));
    }

    [Fact]
    public async Task A_youth_worker_of_the_street_accepts_and_the_metrics_measure_from_receipt()
    {
        var (id, _) = await SubmittedAsync();
        var worker = await YouthWorkerAsync(Tree.Street);
        Scope.Time.Advance(TimeSpan.FromHours(2));

        var result = await Scope.Get<AcceptLetter>().HandleAsync(worker, id, CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Equal(LetterStatus.Accepted, result.Value.Status);
        var letter = await LetterAsync(id);
        Assert.Equal(HandlerScope.Start.AddHours(2), letter.AcceptedAt);
        Assert.Equal(7200, letter.Metrics.AcceptSeconds);
        Assert.True(letter.Metrics.AcceptedOnTime);
        Assert.Contains(Scope.EventsOf(id), e => e.Type == EventTypes.LetterAccepted && e.ActorId == worker.Id);
        Assert.Equal(["letter.submitted", "letter.accept"], await Scope.AuditActionsAsync(id));
    }

    [Fact]
    public async Task Accepting_after_the_24_hour_deadline_is_recorded_as_late()
    {
        var (id, _) = await SubmittedAsync();
        var worker = await YouthWorkerAsync(Tree.Community);
        Scope.Time.Advance(TimeSpan.FromHours(25));

        var result = await Scope.Get<AcceptLetter>().HandleAsync(worker, id, CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.False((await LetterAsync(id)).Metrics.AcceptedOnTime);
    }

    [Fact]
    public async Task Accepting_twice_is_an_invalid_state_and_publishes_one_acceptance()
    {
        var (id, _) = await SubmittedAsync();
        var worker = await YouthWorkerAsync(Tree.Street);

        await Scope.Get<AcceptLetter>().HandleAsync(worker, id, CancellationToken.None);
        var again = await Scope.Get<AcceptLetter>().HandleAsync(worker, id, CancellationToken.None);

        Assert.Equal(ErrorCodes.InvalidState, again.Error?.Code);
        Assert.Single(Scope.EventsOf(id), e => e.Type == EventTypes.LetterAccepted);
    }

    [Fact]
    public async Task The_author_may_not_accept_their_own_letter()
    {
        var (id, author) = await SubmittedAsync();

        var result = await Scope.Get<AcceptLetter>().HandleAsync(author, id, CancellationToken.None);

        Assert.Equal(ErrorCodes.Forbidden, result.Error?.Code);
        Assert.Equal(LetterStatus.Submitted, (await LetterAsync(id)).Status);
    }

    [Fact]
    public async Task Staff_of_another_community_and_other_residents_do_not_see_the_letter()
    {
        var (id, _) = await SubmittedAsync();
        var elsewhere = await YouthWorkerAsync(Tree.OtherCommunity);
        var neighbour = await Scope.NewPersonAsync(Tree.Community, "邻居");

        var byStaff = await Scope.Get<AcceptLetter>().HandleAsync(elsewhere, id, CancellationToken.None);
        var byNeighbour = await Scope.Get<AcceptLetter>().HandleAsync(neighbour, id, CancellationToken.None);

        Assert.Equal(ErrorCodes.NotFound, byStaff.Error?.Code);
        Assert.Equal(ErrorCodes.NotFound, byNeighbour.Error?.Code);
        Assert.Equal(LetterStatus.Submitted, (await LetterAsync(id)).Status);
    }

    [Fact]
    public async Task Accepting_an_unknown_letter_is_not_found()
    {
        var worker = await YouthWorkerAsync(Tree.Street);

        var result = await Scope.Get<AcceptLetter>().HandleAsync(worker, LetterStore.NewId(Tree.Community), CancellationToken.None);

        Assert.Equal(ErrorCodes.NotFound, result.Error?.Code);
    }

    [Fact]
    public async Task A_reply_is_stored_measured_and_starts_the_auto_close_wait()
    {
        var (id, _) = await SubmittedAsync();
        var worker = await AcceptedByAsync(id);
        Scope.Time.Advance(TimeSpan.FromDays(2));

        var result = await Scope.Get<ReplyToLetter>().HandleAsync(worker, id, new ReplyToLetterRequest("  已联系社区，下周举办招聘会。 "), CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error?.ToString());
        var letter = await LetterAsync(id);
        var now = HandlerScope.Start.AddDays(2);
        Assert.Equal(LetterStatus.Replied, letter.Status);
        var reply = Assert.Single(letter.Replies);
        Assert.Equal("已联系社区，下周举办招聘会。", reply.Content);
        Assert.Equal(worker.Id, reply.ByUserId);
        Assert.Equal(now, letter.FirstRepliedAt);
        Assert.Equal((long)TimeSpan.FromDays(2).TotalSeconds, letter.Metrics.ReplySeconds);
        Assert.True(letter.Metrics.RepliedOnTime);
        Assert.Equal(now.AddDays(7), letter.Deadlines.AutoCloseAt);
        Assert.Contains(Scope.EventsOf(id), e => e.Type == EventTypes.LetterReplied);
        Assert.Equal("letter.reply", (await Scope.AuditActionsAsync(id))[^1]);
    }

    [Fact]
    public async Task A_reply_after_the_seven_day_deadline_is_late()
    {
        var (id, _) = await SubmittedAsync();
        var worker = await AcceptedByAsync(id);
        Scope.Time.Advance(TimeSpan.FromDays(8));

        await Scope.Get<ReplyToLetter>().HandleAsync(worker, id, new ReplyToLetterRequest("抱歉回复晚了。"), CancellationToken.None);

        Assert.False((await LetterAsync(id)).Metrics.RepliedOnTime);
    }

    [Fact]
    public async Task A_letter_not_yet_accepted_cannot_be_replied_to()
    {
        var (id, _) = await SubmittedAsync();
        var worker = await YouthWorkerAsync(Tree.Street);

        var result = await Scope.Get<ReplyToLetter>().HandleAsync(worker, id, new ReplyToLetterRequest("直接答复。"), CancellationToken.None);

        Assert.Equal(ErrorCodes.InvalidState, result.Error?.Code);
        Assert.Empty((await LetterAsync(id)).Replies);
    }

    [Fact]
    public async Task A_risky_reply_is_refused_and_the_letter_stays_accepted()
    {
        var (id, _) = await SubmittedAsync();
        var worker = await AcceptedByAsync(id);

        var result = await Scope.Get<ReplyToLetter>().HandleAsync(worker, id, new ReplyToLetterRequest("这段话里有违禁词"), CancellationToken.None);

        Assert.Equal(ErrorCodes.ContentRejected, result.Error?.Code);
        Assert.Equal(LetterStatus.Accepted, (await LetterAsync(id)).Status);
        Assert.DoesNotContain(Scope.EventsOf(id), e => e.Type == EventTypes.LetterReplied);
    }

    [Fact]
    public async Task The_author_withdraws_a_submitted_letter()
    {
        var (id, author) = await SubmittedAsync();
        Scope.Time.Advance(TimeSpan.FromMinutes(30));

        var result = await Scope.Get<WithdrawLetter>().HandleAsync(author, id, CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error?.ToString());
        var letter = await LetterAsync(id);
        Assert.Equal(LetterStatus.Withdrawn, letter.Status);
        Assert.Equal(HandlerScope.Start.AddMinutes(30), letter.ClosedAt);
        Assert.Equal(["letter.submitted", "letter.withdraw"], await Scope.AuditActionsAsync(id));
        Assert.Single(Scope.EventsOf(id));
    }

    [Fact]
    public async Task A_replied_letter_can_no_longer_be_withdrawn()
    {
        var (id, author) = await RepliedAsync();

        var result = await Scope.Get<WithdrawLetter>().HandleAsync(author, id, CancellationToken.None);

        Assert.Equal(ErrorCodes.InvalidState, result.Error?.Code);
        Assert.Equal(LetterStatus.Replied, (await LetterAsync(id)).Status);
    }

    [Fact]
    public async Task Staff_may_not_withdraw_a_residents_letter()
    {
        var (id, _) = await SubmittedAsync();
        var worker = await YouthWorkerAsync(Tree.Street);

        var result = await Scope.Get<WithdrawLetter>().HandleAsync(worker, id, CancellationToken.None);

        Assert.Equal(ErrorCodes.Forbidden, result.Error?.Code);
    }

    [Fact]
    public async Task A_resolved_evaluation_closes_the_letter_and_counts_satisfaction()
    {
        var (id, author) = await RepliedAsync();
        Scope.Time.Advance(TimeSpan.FromDays(1));

        var result = await Scope.Get<EvaluateLetter>().HandleAsync(author, id, new EvaluateLetterRequest(true, 5, "谢谢！"), CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error?.ToString());
        var letter = await LetterAsync(id);
        Assert.Equal(LetterStatus.Closed, letter.Status);
        Assert.Equal(new LetterEvaluation(true, 5, "谢谢！", letter.ClosedAt!.Value), letter.Evaluation);
        Assert.True(letter.Metrics.Satisfied);
        Assert.Null(letter.Deadlines.AutoCloseAt);
        Assert.Equal("letter.evaluate", (await Scope.AuditActionsAsync(id))[^1]);
    }

    [Fact]
    public async Task Not_resolved_reopens_once_with_a_new_reply_deadline_then_closes()
    {
        var (id, author) = await RepliedAsync();
        var worker = await YouthWorkerAsync(Tree.Street);

        var first = await Scope.Get<EvaluateLetter>().HandleAsync(author, id, new EvaluateLetterRequest(false, 2, null), CancellationToken.None);
        var reopened = await LetterAsync(id);
        await Scope.Get<ReplyToLetter>().HandleAsync(worker, id, new ReplyToLetterRequest("已再次协调。"), CancellationToken.None);
        var second = await Scope.Get<EvaluateLetter>().HandleAsync(author, id, new EvaluateLetterRequest(false, 1, null), CancellationToken.None);

        Assert.True(first.IsSuccess, first.Error?.ToString());
        Assert.Equal(LetterStatus.Reopened, reopened.Status);
        Assert.True(reopened.ReopenedOnce);
        Assert.Equal(Scope.Time.GetUtcNow().AddDays(7), reopened.Deadlines.ReplyBy);
        Assert.True(second.IsSuccess, second.Error?.ToString());
        Assert.Equal(LetterStatus.Closed, (await LetterAsync(id)).Status);
        Assert.False((await LetterAsync(id)).Metrics.Satisfied);
    }

    [Fact]
    public async Task A_letter_without_a_reply_cannot_be_evaluated()
    {
        var (id, author) = await SubmittedAsync();

        var result = await Scope.Get<EvaluateLetter>().HandleAsync(author, id, new EvaluateLetterRequest(true, 4, null), CancellationToken.None);

        Assert.Equal(ErrorCodes.InvalidState, result.Error?.Code);
        Assert.Null((await LetterAsync(id)).Evaluation);
    }

    [Fact]
    public async Task Only_the_author_evaluates()
    {
        var (id, _) = await RepliedAsync();
        var worker = await YouthWorkerAsync(Tree.Street);

        var result = await Scope.Get<EvaluateLetter>().HandleAsync(worker, id, new EvaluateLetterRequest(true, 5, null), CancellationToken.None);

        Assert.Equal(ErrorCodes.Forbidden, result.Error?.Code);
        Assert.Equal(LetterStatus.Replied, (await LetterAsync(id)).Status);
    }

    [Fact]
    public async Task A_risky_evaluation_comment_is_refused_and_the_letter_stays_replied()
    {
        var (id, author) = await RepliedAsync();

        var result = await Scope.Get<EvaluateLetter>().HandleAsync(author, id, new EvaluateLetterRequest(true, 1, "这段话里有违禁词"), CancellationToken.None);

        Assert.Equal(ErrorCodes.ContentRejected, result.Error?.Code);
        Assert.Equal(LetterStatus.Replied, (await LetterAsync(id)).Status);
    }

    private Task<Result<Created>> Submit(Caller author, string title = "想咨询社区的招聘会", string content = "您好，请问最近社区有没有面向青年的招聘会？", bool anonymous = false) =>
        Scope.Get<SubmitLetter>().HandleAsync(author, new SubmitLetterRequest(LetterCategory.Employment, title, content, anonymous, []), CancellationToken.None);

    private async Task<string> SubmitAsync(Caller author, string title = "想咨询社区的招聘会", string content = "您好，请问最近社区有没有面向青年的招聘会？", bool anonymous = false)
    {
        var result = await Submit(author, title, content, anonymous);
        Assert.True(result.IsSuccess, result.Error?.ToString());
        return ((LetterView)result.Value.Value).Id;
    }

    private async Task<(string Id, Caller Author)> SubmittedAsync()
    {
        var author = await Scope.NewPersonAsync(Tree.Community);
        return (await SubmitAsync(author), author);
    }

    private async Task<Caller> AcceptedByAsync(string id)
    {
        var worker = await YouthWorkerAsync(Tree.Street);
        var accepted = await Scope.Get<AcceptLetter>().HandleAsync(worker, id, CancellationToken.None);
        Assert.True(accepted.IsSuccess, accepted.Error?.ToString());
        return worker;
    }

    private async Task<(string Id, Caller Author)> RepliedAsync()
    {
        var (id, author) = await SubmittedAsync();
        var worker = await AcceptedByAsync(id);
        var replied = await Scope.Get<ReplyToLetter>().HandleAsync(worker, id, new ReplyToLetterRequest("已联系社区。"), CancellationToken.None);
        Assert.True(replied.IsSuccess, replied.Error?.ToString());
        return (id, author);
    }

    private Task<Caller> YouthWorkerAsync(string orgId) => Scope.NewPersonAsync(null, "团干部", (Role.YouthLeagueWorker, orgId));

    private async Task<Letter> LetterAsync(string id) =>
        await Scope.Get<LetterStore>().FindAsync(id, CancellationToken.None) ?? throw new InvalidOperationException($"Letter {id} is not stored.");
}
