using GongTongDizao.Core.Auth;
using GongTongDizao.Core.Common;
using GongTongDizao.Core.Events;
using GongTongDizao.Core.Features.Activities;
using GongTongDizao.Core.Features.Identity;
using GongTongDizao.Core.Features.Topics;

namespace GongTongDizao.Core.Tests.Handlers;

/// <summary>The activities use cases through the real Core container: results, stored activity and rosters, events, audit.</summary>
[Collection(HandlersCollection.Name)]
public sealed class ActivityHandlerTests(HandlerFixture fixture) : HandlerTest(fixture)
{
    [Fact]
    public async Task Staff_in_scope_publish_an_activity_with_one_roster_per_session_in_start_order()
    {
        var staff = await Scope.NewPersonAsync(Tree.OtherCommunity, "团委", (Role.WomensFederationWorker, Tree.Street));

        var view = await PublishAsync(staff, [Session(days: 5, capacity: 8), Session(days: 4, capacity: 6)]);

        var activity = (await Scope.Get<ActivityStore>().FindAsync(view.Id, CancellationToken.None))!;
        Assert.Equal((ActivityOrganiserKind.Staff, "s1", HandlerScope.Start.AddDays(4)), (activity.Organiser.Kind, activity.Sessions[0].Id, activity.Sessions[0].StartsAt));
        Assert.Equal([Tree.Province, Tree.City, Tree.District, Tree.Street, Tree.Community], activity.OrgPath);
        var rosters = await Scope.Get<RosterStore>().OfActivityAsync(view.Id, CancellationToken.None);
        Assert.Equal([("s1", 6), ("s2", 8)], rosters.Select(r => (r.SessionId, r.Capacity)));
        Assert.Equal(["activity.created"], await Scope.AuditActionsAsync(view.Id));
        Assert.Empty(Scope.EventsOf(view.Id));
    }

    [Fact]
    public async Task A_resident_without_a_team_or_staff_outside_the_scope_may_not_publish()
    {
        var resident = await Scope.NewPersonAsync(Tree.Community);
        var outside = await Scope.NewPersonAsync(Tree.Community, "辖外", (Role.YouthLeagueWorker, Tree.OtherCommunity));

        var byResident = await Create(resident, [Session(3, 5)]);
        var byOutside = await Create(outside, [Session(3, 5)]);

        Assert.Equal((ErrorCodes.Forbidden, ErrorCodes.Forbidden), (byResident.Error?.Code, byOutside.Error?.Code));
    }

    [Fact]
    public async Task An_activity_delivering_a_topics_deed_tells_the_topics_followers()
    {
        var author = await Scope.NewPersonAsync(Tree.Community, "提议人");
        var topic = await Scope.Get<CreateTopic>().HandleAsync(author, new CreateTopicRequest(Tree.Community, "楼道加装扶手", "老人上下楼不方便，建议加装扶手。", []), CancellationToken.None);
        var topicId = ((TopicView)topic.Value!.Value).Id;
        var staff = await Scope.NewPersonAsync(Tree.OtherCommunity, "团委", (Role.YouthLeagueWorker, Tree.Street));

        var view = await PublishAsync(staff, [Session(3, 5)], topicId);

        var told = Assert.Single(Scope.EventsOf(view.Id));
        Assert.Equal((EventTypes.ActivityDeedScheduled, Tree.Community, topicId), (told.Type, told.OrgId, told.Data["topicId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_cancelled_seat_is_offered_to_the_first_waiting_who_is_told_by_a_subscribe_message_event()
    {
        var staff = await Scope.NewPersonAsync(Tree.OtherCommunity, "团委", (Role.YouthLeagueWorker, Tree.Street));
        var view = await PublishAsync(staff, [Session(3, 1)]);
        var (first, second) = (await Scope.NewPersonAsync(Tree.Community, "甲"), await Scope.NewPersonAsync(Tree.Community, "乙"));
        var seat = await SignUpAsync(first, view.Id);
        var waiting = await SignUpAsync(second, view.Id);

        var cancelled = await Scope.Get<CancelSignUp>().HandleAsync(first, view.Id, seat.Id, CancellationToken.None);

        Assert.Equal((SignUpStatus.Registered, SignUpStatus.Waitlisted, SignUpStatus.Cancelled), (seat.Status, waiting.Status, cancelled.Value!.Status));
        var roster = (await Scope.Get<RosterStore>().FindAsync(view.Id, "s1", CancellationToken.None))!;
        var offered = roster.Find(waiting.Id)!;
        Assert.Equal((SignUpStatus.Offered, HandlerScope.Start.AddHours(12)), (offered.Status, offered.OfferExpiresAt!.Value));
        var offer = Assert.Single(Scope.EventsOf(view.Id), e => e.Type == EventTypes.ActivitySeatOffered);
        Assert.Equal(second.Id, offer.Data["userId"]!.GetValue<string>());
        Assert.Contains("activity.signup_cancel", await Scope.AuditActionsAsync(roster.Id));
    }

    [Fact]
    public async Task With_approval_the_organiser_confirms_and_the_person_is_told()
    {
        var staff = await Scope.NewPersonAsync(Tree.OtherCommunity, "团委", (Role.YouthLeagueWorker, Tree.Street));
        var view = await PublishAsync(staff, [Session(3, 2)], needsApproval: true);
        var person = await Scope.NewPersonAsync(Tree.Community, "甲");
        var pending = await SignUpAsync(person, view.Id);

        var byPerson = await Scope.Get<DecideSignUp>().HandleAsync(person, view.Id, pending.Id, new DecideSignUpRequest(true, null), CancellationToken.None);
        var confirmed = await Scope.Get<DecideSignUp>().HandleAsync(staff, view.Id, pending.Id, new DecideSignUpRequest(true, null), CancellationToken.None);
        var again = await Scope.Get<DecideSignUp>().HandleAsync(staff, view.Id, pending.Id, new DecideSignUpRequest(false, "名额已满"), CancellationToken.None);

        Assert.Equal(SignUpStatus.PendingApproval, pending.Status);
        Assert.Equal(ErrorCodes.Forbidden, byPerson.Error?.Code);
        Assert.Equal(SignUpStatus.Registered, confirmed.Value!.Status);
        Assert.Equal(ErrorCodes.InvalidState, again.Error?.Code);
        Assert.Single(Scope.EventsOf(view.Id), e => e.Type == EventTypes.ActivitySignUpConfirmed && e.Data["userId"]!.GetValue<string>() == person.Id);
    }

    private static ActivitySessionRequest Session(int days, int capacity) =>
        new(HandlerScope.Start.AddDays(days), HandlerScope.Start.AddDays(days).AddHours(2), capacity, 0);

    private Task<Result<Created>> Create(Caller caller, IReadOnlyList<ActivitySessionRequest> sessions, string? topicId = null, bool needsApproval = false) =>
        Scope.Get<CreateActivity>().HandleAsync(
            caller,
            new CreateActivityRequest("社区公益集市", ActivityKind.VolunteerMarket, "周末社区公益集市。", new ActivityPlace(Tree.Community, "社区广场"), null, sessions,
                HandlerScope.Start.AddMinutes(-1), HandlerScope.Start.AddDays(2), 24, null, needsApproval, null, topicId),
            CancellationToken.None);

    private async Task<ActivityView> PublishAsync(Caller caller, IReadOnlyList<ActivitySessionRequest> sessions, string? topicId = null, bool needsApproval = false)
    {
        var result = await Create(caller, sessions, topicId, needsApproval);
        Assert.True(result.IsSuccess, result.Error?.ToString());
        return (ActivityView)result.Value!.Value;
    }

    private async Task<SignUpView> SignUpAsync(Caller caller, string activityId)
    {
        var result = await Scope.Get<SignUpForActivity>().HandleAsync(caller, activityId, new SignUpForActivityRequest("s1", SignUpRole.Participant, null, null, null, null), CancellationToken.None);
        Assert.True(result.IsSuccess, result.Error?.ToString());
        return (SignUpView)result.Value!.Value;
    }
}
