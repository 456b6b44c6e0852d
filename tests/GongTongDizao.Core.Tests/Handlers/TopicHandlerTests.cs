using GongTongDizao.Core.Auth;
using GongTongDizao.Core.Common;
using GongTongDizao.Core.Events;
using GongTongDizao.Core.Features.Identity;
using GongTongDizao.Core.Features.Topics;

namespace GongTongDizao.Core.Tests.Handlers;

/// <summary>The deliberation use cases through the real Core container: create, second, decide.</summary>
[Collection(HandlersCollection.Name)]
public sealed class TopicHandlerTests(HandlerFixture fixture) : HandlerTest(fixture)
{
    [Fact]
    public async Task A_resident_proposes_a_topic_in_their_community_and_the_seconding_window_opens()
    {
        var author = await Scope.NewPersonAsync(Tree.Community, "发起人");

        var id = await CreateAsync(author);

        var topic = await TopicAsync(id);
        Assert.Equal(TopicStatus.Proposed, topic.Status);
        Assert.Equal(author.Id, topic.AuthorId);
        Assert.Equal("发起人", topic.AuthorName);
        Assert.Equal(HandlerScope.Start, topic.CreatedAt);
        Assert.Equal(HandlerScope.Start.AddDays(14), topic.ThresholdDeadline);
        Assert.Equal(0, topic.SecondCount);
        Assert.Equal(["topic.proposed"], await Scope.AuditActionsAsync(id));
    }

    [Fact]
    public async Task Text_for_review_holds_the_topic_without_a_seconding_window()
    {
        var author = await Scope.NewPersonAsync(Tree.Community);

        var id = await CreateAsync(author, description: "请管理员看看 review-word");

        var topic = await TopicAsync(id);
        Assert.Equal(TopicStatus.Held, topic.Status);
        Assert.Null(topic.ThresholdDeadline);
    }

    [Fact]
    public async Task Risky_text_is_refused()
    {
        var author = await Scope.NewPersonAsync(Tree.Community);

        var result = await Create(author, title: "这段话里有违禁词");

        Assert.Equal(ErrorCodes.ContentRejected, result.Error?.Code);
        Assert.Empty(Scope.Published);
    }

    [Fact]
    public async Task A_topic_for_another_community_is_forbidden()
    {
        var author = await Scope.NewPersonAsync(Tree.Community);

        var result = await Create(author, communityId: Tree.OtherCommunity);

        Assert.Equal(ErrorCodes.Forbidden, result.Error?.Code);
    }

    [Fact]
    public async Task A_topic_must_name_a_community_not_a_street()
    {
        var author = await Scope.NewPersonAsync(Tree.Street);

        var result = await Create(author, communityId: Tree.Street);

        Assert.Equal(ErrorCodes.ValidationFailed, result.Error?.Code);
        Assert.True(result.Error!.Errors!.ContainsKey("communityId"));
    }

    [Fact]
    public async Task A_neighbour_seconds_once_however_often_they_press()
    {
        var id = await CreateAsync(await Scope.NewPersonAsync(Tree.Community));
        var neighbour = await Scope.NewPersonAsync(Tree.Community, "邻居");

        var first = await Scope.Get<SecondTopic>().SecondAsync(neighbour, id, CancellationToken.None);
        var again = await Scope.Get<SecondTopic>().SecondAsync(neighbour, id, CancellationToken.None);

        Assert.Equal(new SecondView(id, true, 1, TopicStatus.Proposed), first.Value);
        Assert.Equal(new SecondView(id, true, 1, TopicStatus.Proposed), again.Value);
        Assert.Equal(1, (await TopicAsync(id)).SecondCount);
    }

    [Fact]
    public async Task Withdrawing_a_second_takes_it_off_the_count()
    {
        var id = await CreateAsync(await Scope.NewPersonAsync(Tree.Community));
        var neighbour = await Scope.NewPersonAsync(Tree.Community, "邻居");
        await Scope.Get<SecondTopic>().SecondAsync(neighbour, id, CancellationToken.None);

        var withdrawn = await Scope.Get<SecondTopic>().WithdrawAsync(neighbour, id, CancellationToken.None);

        Assert.Equal(new SecondView(id, false, 0, TopicStatus.Proposed), withdrawn.Value);
        Assert.Equal(0, (await TopicAsync(id)).SecondCount);
    }

    [Fact]
    public async Task A_resident_of_another_community_may_not_second()
    {
        var id = await CreateAsync(await Scope.NewPersonAsync(Tree.Community));
        var outsider = await Scope.NewPersonAsync(Tree.OtherCommunity, "外社区居民");

        var result = await Scope.Get<SecondTopic>().SecondAsync(outsider, id, CancellationToken.None);

        Assert.Equal(ErrorCodes.Forbidden, result.Error?.Code);
        Assert.Equal(0, (await TopicAsync(id)).SecondCount);
    }

    [Fact]
    public async Task Seconding_after_the_14_day_window_is_an_invalid_state()
    {
        var id = await CreateAsync(await Scope.NewPersonAsync(Tree.Community));
        var neighbour = await Scope.NewPersonAsync(Tree.Community, "邻居");
        Scope.Time.Advance(TimeSpan.FromDays(14) + TimeSpan.FromMinutes(1));

        var result = await Scope.Get<SecondTopic>().SecondAsync(neighbour, id, CancellationToken.None);

        Assert.Equal(ErrorCodes.InvalidState, result.Error?.Code);
        Assert.Equal(0, (await TopicAsync(id)).SecondCount);
    }

    [Fact]
    public async Task The_tenth_second_moves_the_topic_to_deliberation_and_publishes_threshold_reached()
    {
        var id = await CreateAsync(await Scope.NewPersonAsync(Tree.Community));

        var last = await ReachThresholdAsync(id);

        Assert.Equal(TopicStatus.Deliberating, last.Status);
        Assert.Equal(10, last.SecondCount);
        var topic = await TopicAsync(id);
        Assert.Equal(TopicStatus.Deliberating, topic.Status);
        Assert.Equal(HandlerScope.Start, topic.ThresholdReachedAt);
        Assert.Single(Scope.EventsOf(id), e => e.Type == EventTypes.TopicThresholdReached);
    }

    [Fact]
    public async Task Deciding_before_any_meeting_was_held_is_an_invalid_state()
    {
        var id = await DeliberatingAsync();
        var federation = await FederationWorkerAsync();

        var result = await Scope.Get<DecideTopic>().HandleAsync(federation, id, new DecideTopicRequest(DecisionOutcome.Accepted, 8, 1, 1, null), CancellationToken.None);

        Assert.Equal(ErrorCodes.InvalidState, result.Error?.Code);
        Assert.Null((await TopicAsync(id)).Decision);
    }

    [Fact]
    public async Task An_accepted_decision_after_a_held_meeting_starts_the_deed_and_publishes_topic_decided()
    {
        var id = await DeliberatingAsync();
        var federation = await FederationWorkerAsync();
        await HoldMeetingAsync(id, federation);
        Scope.Time.Advance(TimeSpan.FromHours(1));

        var result = await Scope.Get<DecideTopic>().HandleAsync(federation, id, new DecideTopicRequest(DecisionOutcome.Accepted, 8, 1, 1, null), CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error?.ToString());
        var topic = await TopicAsync(id);
        Assert.Equal(TopicStatus.Delivering, topic.Status);
        Assert.Equal(new Decision(DecisionOutcome.Accepted, 8, 1, 1, null, federation.Id, Scope.Time.GetUtcNow()), topic.Decision);
        Assert.NotNull(topic.Deed);
        var decided = Assert.Single(Scope.EventsOf(id), e => e.Type == EventTypes.TopicDecided);
        Assert.Equal("accepted", decided.Data["outcome"]!.GetValue<string>());
        Assert.Equal("topic.decided", (await Scope.AuditActionsAsync(id))[^1]);
    }

    [Fact]
    public async Task A_rejection_keeps_its_reason_on_the_topic_and_in_the_event()
    {
        var id = await DeliberatingAsync();
        var federation = await FederationWorkerAsync();
        await HoldMeetingAsync(id, federation);

        var result = await Scope.Get<DecideTopic>().HandleAsync(federation, id, new DecideTopicRequest(DecisionOutcome.Rejected, 2, 7, 1, " 费用过高 "), CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error?.ToString());
        var topic = await TopicAsync(id);
        Assert.Equal(TopicStatus.Rejected, topic.Status);
        Assert.Equal("费用过高", topic.StatusReason);
        Assert.Null(topic.Deed);
        var decided = Assert.Single(Scope.EventsOf(id), e => e.Type == EventTypes.TopicDecided);
        Assert.Equal("费用过高", decided.Data["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Fewer_voters_than_the_quorum_of_five_is_a_validation_error_on_votesFor()
    {
        var id = await DeliberatingAsync();
        var federation = await FederationWorkerAsync();
        await HoldMeetingAsync(id, federation);

        var result = await Scope.Get<DecideTopic>().HandleAsync(federation, id, new DecideTopicRequest(DecisionOutcome.Accepted, 3, 1, 0, null), CancellationToken.None);

        Assert.Equal(ErrorCodes.ValidationFailed, result.Error?.Code);
        Assert.True(result.Error!.Errors!.ContainsKey("votesFor"));
        Assert.Equal(TopicStatus.Deliberating, (await TopicAsync(id)).Status);
    }

    [Fact]
    public async Task A_resident_may_not_record_the_decision()
    {
        var id = await DeliberatingAsync();
        await HoldMeetingAsync(id, await FederationWorkerAsync());
        var resident = await Scope.NewPersonAsync(Tree.Community, "居民");

        var result = await Scope.Get<DecideTopic>().HandleAsync(resident, id, new DecideTopicRequest(DecisionOutcome.Accepted, 8, 1, 1, null), CancellationToken.None);

        Assert.Equal(ErrorCodes.Forbidden, result.Error?.Code);
        Assert.Null((await TopicAsync(id)).Decision);
    }

    private Task<Result<Created>> Create(Caller author, string? communityId = null, string title = "小区增设电动车充电桩", string description = "楼下电动车乱充电，希望增设充电桩。") =>
        Scope.Get<CreateTopic>().HandleAsync(author, new CreateTopicRequest(communityId ?? Tree.Community, title, description, []), CancellationToken.None);

    private async Task<string> CreateAsync(Caller author, string title = "小区增设电动车充电桩", string description = "楼下电动车乱充电，希望增设充电桩。")
    {
        var result = await Create(author, null, title, description);
        Assert.True(result.IsSuccess, result.Error?.ToString());
        return ((TopicView)result.Value.Value).Id;
    }

    private async Task<SecondView> ReachThresholdAsync(string id)
    {
        SecondView? last = null;
        for (var i = 0; i < 10; i++)
        {
            var seconder = await Scope.NewPersonAsync(Tree.Community, $"附议人{i}");
            var result = await Scope.Get<SecondTopic>().SecondAsync(seconder, id, CancellationToken.None);
            Assert.True(result.IsSuccess, result.Error?.ToString());
            last = result.Value;
        }

        return last!;
    }

    private async Task<string> DeliberatingAsync()
    {
        var id = await CreateAsync(await Scope.NewPersonAsync(Tree.Community, "发起人"));
        Assert.Equal(TopicStatus.Deliberating, (await ReachThresholdAsync(id)).Status);
        return id;
    }

    /// <summary>An offline meeting recorded an hour ago, with its minutes: what a decision needs first.</summary>
    private async Task HoldMeetingAsync(string id, Caller staff)
    {
        var scheduled = await Scope.Get<ScheduleMeeting>().HandleAsync(staff, id, new ScheduleMeetingRequest(Scope.Time.GetUtcNow().AddHours(-1), "社区议事厅", "充电桩的位置", HeldOffline: true), CancellationToken.None);
        Assert.True(scheduled.IsSuccess, scheduled.Error?.ToString());
        var meetingId = (await TopicAsync(id)).Meetings[0].Id;
        var minutes = await Scope.Get<RecordMinutes>().HandleAsync(staff, id, meetingId, new RecordMinutesRequest(10, "大家同意增设充电桩。"), CancellationToken.None);
        Assert.True(minutes.IsSuccess, minutes.Error?.ToString());
    }

    private Task<Caller> FederationWorkerAsync() => Scope.NewPersonAsync(null, "妇联干部", (Role.WomensFederationWorker, Tree.Street));

    private async Task<Topic> TopicAsync(string id) =>
        await Scope.Get<TopicStore>().FindAsync(id, CancellationToken.None) ?? throw new InvalidOperationException($"Topic {id} is not stored.");
}
