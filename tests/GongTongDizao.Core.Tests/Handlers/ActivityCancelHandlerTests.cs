using GongTongDizao.Core.Auth;
using GongTongDizao.Core.Common;
using GongTongDizao.Core.Events;
using GongTongDizao.Core.Features.Activities;
using GongTongDizao.Core.Features.Identity;
using GongTongDizao.Core.Timers;

namespace GongTongDizao.Core.Tests.Handlers;

/// <summary>Cancelling a whole activity, the seats in the public list and the organiser's names, through the real Core container.</summary>
[Collection(HandlersCollection.Name)]
public sealed class ActivityCancelHandlerTests(HandlerFixture fixture) : HandlerTest(fixture)
{
    [Fact]
    public async Task An_organiser_cancels_and_everyone_holding_or_waiting_for_a_seat_is_told_once()
    {
        var staff = await StaffAsync();
        var view = await PublishAsync(staff, 1, Session(3, 1), Session(4, 1));
        var (seated, waiting, resident) = (await Scope.NewPersonAsync(Tree.Community, "甲"), await Scope.NewPersonAsync(Tree.Community, "乙"), await Scope.NewPersonAsync(Tree.Community, "丙"));
        await SignUpAsync(seated, view.Id, "s1");
        await SignUpAsync(seated, view.Id, "s2");
        await SignUpAsync(waiting, view.Id, "s1");

        var byResident = await CancelAsync(resident, view.Id);
        var rejected = await CancelAsync(staff, view.Id, "这段话里有违禁词");
        Assert.Equal((ErrorCodes.Forbidden, ErrorCodes.ContentRejected), (byResident.Error?.Code, rejected.Error?.Code));
        Assert.Equal(ActivityStatus.Published, (await Scope.Get<ActivityStore>().FindAsync(view.Id, CancellationToken.None))!.Status);

        var cancelled = await CancelAsync(staff, view.Id);

        Assert.Equal((ActivityStatus.Cancelled, "因天气原因取消", HandlerScope.Start), (cancelled.Value!.Status, cancelled.Value.CancelReason, cancelled.Value.CancelledAt!.Value));
        var rosters = await Scope.Get<RosterStore>().OfActivityAsync(view.Id, CancellationToken.None);
        Assert.All(rosters.SelectMany(r => r.SignUps), s => Assert.Equal(SignUpStatus.ActivityCancelled, s.Status));
        Assert.All(rosters, r => Assert.Equal(HandlerScope.Start, r.CancelledAt));
        var told = Scope.EventsOf(view.Id).Where(e => e.Type == EventTypes.ActivityCancelled).Select(e => (e.Data["userId"]!.GetValue<string>(), e.Data["sessionId"]!.GetValue<string>(), e.Data["reason"]!.GetValue<string>())).Order().ToList();
        // One message each for the whole activity (a subscribe message spends a unit), with the person's earliest session.
        Assert.Equal(new[] { (seated.Id, "s1", "因天气原因取消"), (waiting.Id, "s1", "因天气原因取消") }.Order(), told);
        // Both lines carry the same instant (the test's clock stands still), and the store keeps no order between
        // them (a document's _rid is not its creation order), so the trail is compared without one.
        Assert.Equal(["activity.cancel", "activity.created"], (await Scope.AuditActionsAsync(view.Id)).Order(StringComparer.Ordinal));
        Assert.Contains("activity.session_cancel", await Scope.AuditActionsAsync(rosters[0].Id));

        // Again: the same answer and nobody is told twice. No new sign-up, no change of an old one.
        var again = await CancelAsync(staff, view.Id, "另一个原因");
        Assert.Equal((ActivityStatus.Cancelled, "因天气原因取消"), (again.Value!.Status, again.Value.CancelReason));
        Assert.Equal(2, Scope.EventsOf(view.Id).Count(e => e.Type == EventTypes.ActivityCancelled));
        var late = await Scope.Get<SignUpForActivity>().HandleAsync(resident, view.Id, new SignUpForActivityRequest("s1", SignUpRole.Participant, null, null, null, null), CancellationToken.None);
        var withdraw = await Scope.Get<CancelSignUp>().HandleAsync(seated, view.Id, rosters[0].SignUps[0].Id, CancellationToken.None);
        Assert.Equal((ErrorCodes.ActivityCancelled, ErrorCodes.ActivityCancelled), (late.Error?.Code, withdraw.Error?.Code));
    }

    [Fact]
    public async Task After_cancelling_no_reminder_goes_out_and_a_session_that_had_ended_keeps_its_records()
    {
        var staff = await StaffAsync();
        var view = await PublishAsync(staff, 1, Session(1, 2), Session(3, 2));
        var person = await Scope.NewPersonAsync(Tree.Community, "甲");
        await SignUpAsync(person, view.Id, "s1");
        await SignUpAsync(person, view.Id, "s2");
        var (s1, s2) = (view.Sessions[0], view.Sessions[1]);

        // s1 has ended (its end timer not yet run) when the rain cancels the rest.
        Scope.Time.Advance(s1.EndsAt - HandlerScope.Start + TimeSpan.FromMinutes(5));
        Assert.True((await CancelAsync(staff, view.Id)).IsSuccess);
        var timers = Scope.Get<IEnumerable<ITimerHandler>>().OfType<ActivityTimerHandler>().Single();
        await timers.HandleAsync(new TimerMessage(ActivityRosters.ReminderKind, $"{view.Id}~s2", view.Id, s2.StartsAt.AddDays(-1)), CancellationToken.None);
        await timers.HandleAsync(new TimerMessage(ActivityRosters.SessionEndKind, $"{view.Id}~s1", view.Id, s1.EndsAt), CancellationToken.None);
        Scope.Time.Advance(s2.EndsAt - Scope.Time.GetUtcNow() + TimeSpan.FromMinutes(5));
        await timers.HandleAsync(new TimerMessage(ActivityRosters.SessionEndKind, $"{view.Id}~s2", view.Id, s2.EndsAt), CancellationToken.None);

        var rosters = await Scope.Get<RosterStore>().OfActivityAsync(view.Id, CancellationToken.None);
        Assert.Equal((SignUpStatus.NoShow, (DateTimeOffset?)null), (rosters[0].SignUps[0].Status, rosters[0].CancelledAt));
        Assert.Equal((SignUpStatus.ActivityCancelled, (DateTimeOffset?)null, (DateTimeOffset?)null), (rosters[1].SignUps[0].Status, rosters[1].ClosedAt, rosters[1].RemindedAt));
        Assert.DoesNotContain(Scope.EventsOf(view.Id), e => e.Type == EventTypes.ActivitySessionReminder);
        Assert.Equal(["s2"], Scope.EventsOf(view.Id).Where(e => e.Type == EventTypes.ActivityCancelled).Select(e => e.Data["sessionId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_cancellation_cut_short_after_the_activity_was_saved_is_finished_by_the_retry()
    {
        var staff = await StaffAsync();
        var view = await PublishAsync(staff, 1, Session(3, 2), Session(4, 2));
        var (both, second) = (await Scope.NewPersonAsync(Tree.Community, "甲"), await Scope.NewPersonAsync(Tree.Community, "乙"));
        await SignUpAsync(both, view.Id, "s1");
        await SignUpAsync(both, view.Id, "s2");
        await SignUpAsync(second, view.Id, "s2");
        var store = Scope.Get<ActivityStore>();
        var activity = (await store.FindAsync(view.Id, CancellationToken.None))!;

        // The first call saved the activity, cancelled s1 (telling 甲) and stopped before s2.
        var cancelled = (await store.TryReplaceAsync(activity with { Status = ActivityStatus.Cancelled, CancelledAt = HandlerScope.Start, CancelReason = "因天气原因取消" }, activity.ETag, CancellationToken.None))!;
        var s1 = (await Scope.Get<RosterStore>().FindAsync(view.Id, "s1", CancellationToken.None))!;
        await Scope.Get<RosterStore>().TryReplaceAsync(SeatRules.Cancel(s1, HandlerScope.Start).Roster, s1.ETag, CancellationToken.None);
        var retried = await CancelAsync(staff, view.Id);

        Assert.True(retried.IsSuccess, retried.Error?.ToString());
        var s2 = (await Scope.Get<RosterStore>().FindAsync(view.Id, "s2", CancellationToken.None))!;
        Assert.Equal(HandlerScope.Start, s2.CancelledAt);
        Assert.All(s2.SignUps, s => Assert.Equal(SignUpStatus.ActivityCancelled, s.Status));
        var seen = (await Scope.Get<GetActivity>().HandleAsync(second, view.Id, CancellationToken.None)).Value!;
        Assert.Equal((ActivityStatus.Cancelled, SignUpStatus.ActivityCancelled, 0), (seen.Status, Assert.Single(seen.MySignUps).Status, seen.Sessions[1].SeatsLeft));
        // 甲 was told by the first call's s1 write (not replayed here); only 乙 is told now.
        Assert.Equal([second.Id], Scope.EventsOf(view.Id).Where(e => e.Type == EventTypes.ActivityCancelled).Select(e => e.Data["userId"]!.GetValue<string>()));
        Assert.Equal(cancelled.CancelledAt, retried.Value!.CancelledAt);
    }

    [Fact]
    public async Task A_sign_up_that_read_the_activity_before_it_was_cancelled_finds_the_roster_cancelled()
    {
        var staff = await StaffAsync();
        var view = await PublishAsync(staff, 1, Session(3, 2));
        Assert.True((await CancelAsync(staff, view.Id)).IsSuccess);
        var store = Scope.Get<ActivityStore>();
        var cancelled = (await store.FindAsync(view.Id, CancellationToken.None))!;

        // As a sign-up sees it when its read of the activity came just before the cancellation's write.
        await store.TryReplaceAsync(cancelled with { Status = ActivityStatus.Published }, cancelled.ETag, CancellationToken.None);
        var late = await Scope.Get<SignUpForActivity>().HandleAsync(await Scope.NewPersonAsync(Tree.Community, "迟到"), view.Id, new SignUpForActivityRequest("s1", SignUpRole.Participant, null, null, null, null), CancellationToken.None);

        Assert.Equal(ErrorCodes.ActivityCancelled, late.Error?.Code);
        Assert.Empty((await Scope.Get<RosterStore>().FindAsync(view.Id, "s1", CancellationToken.None))!.SignUps);
    }

    [Fact]
    public async Task The_list_shows_places_left_and_waiting_lists_per_session_and_marks_a_cancelled_activity()
    {
        var staff = await StaffAsync();
        var full = await PublishAsync(staff, 2, Session(3, 1), Session(4, 2) with { VolunteerPlaces = 3 });
        var rained = await PublishAsync(staff, 2, Session(5, 4));
        var (a, b) = (await Scope.NewPersonAsync(Tree.Community, "甲"), await Scope.NewPersonAsync(Tree.Community, "乙"));
        await SignUpAsync(a, full.Id, "s1");
        await SignUpAsync(b, full.Id, "s1");
        await SignUpAsync(a, full.Id, "s2");
        Assert.True((await CancelAsync(staff, rained.Id)).IsSuccess);

        var page = await Scope.Get<ListActivities>().HandleAsync(a, new ActivityListQuery(Tree.Community, null, "true", null, null), CancellationToken.None);

        var items = page.Value!.Items.ToDictionary(i => i.Id);
        Assert.Equal(
            [new SessionSeatsView("s1", full.Sessions[0].StartsAt, full.Sessions[0].EndsAt, 0, 0, true, false), new SessionSeatsView("s2", full.Sessions[1].StartsAt, full.Sessions[1].EndsAt, 1, 3, false, false)],
            items[full.Id].Sessions);
        Assert.Equal((ActivityStatus.Published, (string?)null), (items[full.Id].Status, items[full.Id].CancelReason));
        Assert.Equal((ActivityStatus.Cancelled, "因天气原因取消", 0), (items[rained.Id].Status, items[rained.Id].CancelReason, items[rained.Id].Sessions.Single().SeatsLeft));
    }

    [Fact]
    public async Task The_organisers_list_names_each_sign_up_and_a_deleted_person_shows_as_deleted()
    {
        var staff = await StaffAsync();
        var view = await PublishAsync(staff, 1, Session(3, 5));
        var (kept, leaving) = (await Scope.NewPersonAsync(Tree.Community, "社区小李"), await Scope.NewPersonAsync(Tree.Community, "社区小张"));
        await SignUpAsync(kept, view.Id, "s1");
        await SignUpAsync(leaving, view.Id, "s1");

        var byResident = await Scope.Get<ListActivitySignUps>().HandleAsync(kept, view.Id, "s1", CancellationToken.None);
        var before = await Scope.Get<ListActivitySignUps>().HandleAsync(staff, view.Id, "s1", CancellationToken.None);
        Assert.True((await Scope.Get<DeleteMe>().HandleAsync(leaving, CancellationToken.None)).IsSuccess);
        var after = await Scope.Get<ListActivitySignUps>().HandleAsync(staff, view.Id, "s1", CancellationToken.None);

        Assert.Equal(ErrorCodes.Forbidden, byResident.Error?.Code);
        Assert.Equal([(kept.Id, "社区小李"), (leaving.Id, "社区小张")], before.Value!.SignUps.Select(e => (e.UserId, e.Name)));
        Assert.Equal((kept.Id, "社区小李"), (after.Value!.SignUps[0].UserId, after.Value.SignUps[0].Name));
        Assert.NotEqual(leaving.Id, after.Value.SignUps[1].UserId);
        Assert.Equal("已注销", after.Value.SignUps[1].Name);
    }

    private Task<Caller> StaffAsync() => Scope.NewPersonAsync(Tree.OtherCommunity, "团委", (Role.YouthLeagueWorker, Tree.Street));

    private static ActivitySessionRequest Session(int days, int capacity) =>
        new(HandlerScope.Start.AddDays(days), HandlerScope.Start.AddDays(days).AddHours(2), capacity, 0);

    private Task<Result<ActivityView>> CancelAsync(Caller caller, string activityId, string reason = "因天气原因取消") =>
        Scope.Get<CancelActivity>().HandleAsync(caller, activityId, new CancelActivityRequest(reason), CancellationToken.None);

    private async Task<ActivityView> PublishAsync(Caller caller, int closesInDays, params ActivitySessionRequest[] sessions)
    {
        var result = await Scope.Get<CreateActivity>().HandleAsync(
            caller,
            new CreateActivityRequest("社区公益集市", ActivityKind.VolunteerMarket, "周末社区公益集市。", new ActivityPlace(Tree.Community, "社区广场"), null, sessions,
                HandlerScope.Start.AddMinutes(-1), HandlerScope.Start.AddDays(closesInDays).AddHours(-1), 24, null, false, null, null),
            CancellationToken.None);
        Assert.True(result.IsSuccess, result.Error?.ToString());
        return (ActivityView)result.Value!.Value;
    }

    private async Task SignUpAsync(Caller caller, string activityId, string sessionId)
    {
        var result = await Scope.Get<SignUpForActivity>().HandleAsync(caller, activityId, new SignUpForActivityRequest(sessionId, SignUpRole.Participant, null, null, null, null), CancellationToken.None);
        Assert.True(result.IsSuccess, result.Error?.ToString());
    }
}
