using GongTongDizao.Core.Aggregates;
using GongTongDizao.Core.Features.Volunteers;
using Microsoft.Extensions.Options;

namespace GongTongDizao.Core.Features.Activities;

public sealed record SignUpForActivityRequest(string SessionId, SignUpRole? Role, ChildDetails? Child, int? BirthYear, bool? IsWoman, bool? AcceptTerms);

public sealed class SignUpForActivityValidator : AbstractValidator<SignUpForActivityRequest>
{
    public SignUpForActivityValidator()
    {
        RuleFor(r => r.SessionId).NotEmpty().WithMessage("请选择场次").MaximumLength(8);
        RuleFor(r => r.Role).NotNull().WithMessage("请选择报名身份").IsInEnum();
        RuleFor(r => r.Child!.Name).NotEmpty().WithMessage("请填写孩子的姓名").Text(1, 20).When(r => r.Child is not null);
        RuleFor(r => r.Child!.Age).InclusiveBetween(0, 17).WithMessage("孩子年龄须在 0–17 岁之间").When(r => r.Child is not null);
        RuleFor(r => r.BirthYear).InclusiveBetween(1900, 2100);
    }
}

/// <summary>
/// A resident signs up for one session, as a volunteer who serves or a participant who is served (a guardian for a
/// child). Eligibility first (<see cref="SignUpEligibility"/>), then one write of the session's roster: a seat while
/// one is free and nobody waits, else the end of the waiting list, in the order the writes succeed. Concurrent
/// sign-ups lose the ETag race and decide again on a fresh read (<see cref="ActivitiesOptions.SignUpAttempts"/>), so
/// the roster never holds more seats than the session has.
/// </summary>
public sealed class SignUpForActivity(ActivityStore activities, VolunteerStore volunteers, AggregatePipeline<SessionRoster> pipeline, TimeProvider time, IOptions<ActivitiesOptions> options)
{
    public async Task<Result<Created>> HandleAsync(Caller caller, string activityId, SignUpForActivityRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        if (await activities.FindAsync(activityId, cancellationToken) is not { ContentHeld: false } activity)
        {
            return Error.NotFound();
        }

        if (activity.Status == ActivityStatus.Cancelled)
        {
            return Error.From(ErrorCodes.ActivityCancelled);
        }

        if (activity.Session(request.SessionId) is not { } session)
        {
            return Error.Validation("sessionId", "场次不存在");
        }

        var now = time.GetUtcNow();
        if (now < activity.SignUpOpensAt || now > activity.SignUpClosesAt)
        {
            return Error.From(ErrorCodes.SignUpClosed, now < activity.SignUpOpensAt ? "报名尚未开始" : "报名已截止");
        }

        var role = request.Role!.Value;
        if ((role == SignUpRole.Volunteer ? session.VolunteerPlaces : session.Capacity) == 0)
        {
            return Error.Validation("role", role == SignUpRole.Volunteer ? "本场次不招募志愿者" : "本场次只招募志愿者");
        }

        var profile = role == SignUpRole.Volunteer ? await volunteers.FindAsync(caller.Id, cancellationToken) : null;
        var checkedDraft = SignUpEligibility.Check(activity, request, caller.User, profile, now);
        if (!checkedDraft.IsSuccess)
        {
            return checkedDraft.Error;
        }

        // The organiser's list shows this name: a volunteer's real name (as the service record has it), else the nickname.
        var draft = checkedDraft.Value! with { Name = profile?.RealName ?? caller.User.DisplayName ?? "居民" };

        SignUp? joined = null;
        var saved = await pipeline.RunAsync(SessionRoster.IdOf(activity.Id, session.Id), roster =>
        {
            if (roster.CancelledAt is not null)
            {
                // The activity was cancelled after it was read above: its sessions take nobody.
                return Task.FromResult<Result<AggregateChange<SessionRoster>>>(Error.From(ErrorCodes.ActivityCancelled));
            }

            if (SeatRules.Duplicate(roster, caller.Id, draft.Child) is not null)
            {
                return Task.FromResult<Result<AggregateChange<SessionRoster>>>(Error.From(ErrorCodes.AlreadySignedUp));
            }

            if (SeatRules.SeatsLeft(roster, role) == 0 && SeatRules.Waiting(roster, role) >= options.Value.MaxWaiting)
            {
                return Task.FromResult<Result<AggregateChange<SessionRoster>>>(Error.From(ErrorCodes.SignUpClosed, "本场次候补人数已满"));
            }

            (var after, joined) = SeatRules.Join(roster, draft, activity.NeedsApproval, time.GetUtcNow());
            return Task.FromResult<Result<AggregateChange<SessionRoster>>>(new AggregateChange<SessionRoster>(
                after, new AuditEntry(ActivityEvents.EntityType, "activity.signup", caller.Id, null, RosterTransitions.Code(joined.Status))));
        }, cancellationToken, maxAttempts: options.Value.SignUpAttempts);
        if (!saved.IsSuccess)
        {
            return saved.Error;
        }

        var view = ActivityViews.SignUp(saved.Value!, saved.Value!.Find(joined!.Id)!);
        return new Created(view, $"activities/{activity.Id}/signups/{joined.Id}");
    }
}
