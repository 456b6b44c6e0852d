using GongTongDizao.Core.Aggregates;
using GongTongDizao.Core.ContentSafety;
using GongTongDizao.Core.Timers;
using GongTongDizao.WeChat;
using Microsoft.Extensions.Options;

namespace GongTongDizao.Core.Features.Activities;

public sealed record CreateActivityRequest(
    string Title,
    ActivityKind? Kind,
    string Description,
    ActivityPlace Place,
    string? TeamId,
    IReadOnlyList<ActivitySessionRequest> Sessions,
    DateTimeOffset? SignUpOpensAt,
    DateTimeOffset? SignUpClosesAt,
    int? CancelCutoffHours,
    ActivityEligibility? Eligibility,
    bool? NeedsApproval,
    string? Terms,
    string? TopicId);

public sealed record ActivitySessionRequest(DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, int? Capacity, int? VolunteerPlaces);

public sealed class CreateActivityValidator : AbstractValidator<CreateActivityRequest>
{
    public const int MaxSessions = 20;
    public const int MaxPlaces = 500;

    public CreateActivityValidator()
    {
        RuleFor(r => r.Title).NotEmpty().WithMessage("请填写活动名称").Text(1, 40);
        RuleFor(r => r.Kind).NotNull().WithMessage("请选择活动类型").IsInEnum();
        RuleFor(r => r.Description).NotEmpty().WithMessage("请填写活动介绍").Text(1, 2000, multiline: true);
        RuleFor(r => r.Place).NotNull().WithMessage("请填写活动地点");
        RuleFor(r => r.Place.OrgId).NotEmpty().WithMessage("请选择活动所在的组织").MaximumLength(32).When(r => r.Place is not null);
        RuleFor(r => r.Place.Address).NotEmpty().WithMessage("请填写详细地址").Text(1, 100).When(r => r.Place is not null);
        RuleFor(r => r.TeamId).MaximumLength(64);
        RuleFor(r => r.Sessions).NotEmpty().WithMessage("请至少安排一场活动")
            .Must(s => s is null || s.Count <= MaxSessions).WithMessage($"最多 {MaxSessions} 场");
        RuleForEach(r => r.Sessions).ChildRules(s =>
        {
            s.RuleFor(x => x.StartsAt).NotNull().WithMessage("请填写开始时间");
            s.RuleFor(x => x.EndsAt).NotNull().WithMessage("请填写结束时间")
                .GreaterThan(x => x.StartsAt).When(x => x.StartsAt is not null).WithMessage("结束时间须晚于开始时间");
            s.RuleFor(x => x.Capacity).NotNull().WithMessage("请填写名额").InclusiveBetween(0, MaxPlaces);
            s.RuleFor(x => x.VolunteerPlaces).InclusiveBetween(0, MaxPlaces);
            s.RuleFor(x => x).Must(x => (x.Capacity ?? 0) + (x.VolunteerPlaces ?? 0) > 0).WithMessage("每场至少要有一个名额");
        });
        RuleFor(r => r.SignUpOpensAt).NotNull().WithMessage("请填写报名开始时间");
        RuleFor(r => r.SignUpClosesAt).NotNull().WithMessage("请填写报名截止时间")
            .GreaterThan(r => r.SignUpOpensAt).When(r => r.SignUpOpensAt is not null).WithMessage("报名截止时间须晚于开始时间");
        RuleFor(r => r.CancelCutoffHours).InclusiveBetween(0, 168);
        RuleFor(r => r.Eligibility).SetValidator(new EligibilityValidator()!).When(r => r.Eligibility is not null);
        RuleFor(r => r.Eligibility).Must(e => e is { ChildMinAge: not null, ChildMaxAge: not null })
            .When(r => r.Kind == ActivityKind.HolidayChildcare).WithMessage("托管活动须填写儿童年龄范围");
        RuleFor(r => r.Terms).Text(0, 2000, multiline: true);
        RuleFor(r => r.TopicId).MaximumLength(64);
    }

    private sealed class EligibilityValidator : AbstractValidator<ActivityEligibility>
    {
        public EligibilityValidator()
        {
            RuleFor(e => e.CommunityIds).Must(c => c is null || c.Count <= 50).WithMessage("最多 50 个社区");
            RuleForEach(e => e.CommunityIds).NotEmpty().MaximumLength(32);
            RuleFor(e => e.MinAge).InclusiveBetween(0, 120);
            RuleFor(e => e.MaxAge).InclusiveBetween(0, 120).GreaterThanOrEqualTo(e => e.MinAge).When(e => e.MinAge is not null).WithMessage("年龄范围有误");
            RuleFor(e => e.ChildMinAge).InclusiveBetween(0, 17);
            RuleFor(e => e.ChildMaxAge).InclusiveBetween(0, 17).GreaterThanOrEqualTo(e => e.ChildMinAge).When(e => e.ChildMinAge is not null).WithMessage("儿童年龄范围有误");
        }
    }
}

/// <summary>
/// A team leader (for their team, at a place the team serves) or staff in scope publish an activity. Its text is
/// checked as staff text (public, no held state); one roster per session is created first (an orphan roster is
/// harmless, an activity without rosters is not), then the activity with its reminders and session ends scheduled and,
/// when it delivers a topic's deed, the topic's followers told.
/// </summary>
public sealed class CreateActivity(ActivityPlanning planning, ContentGuard guard, RosterStore rosters, AggregatePipeline<Activity> pipeline, TimeProvider time, IOptions<ActivitiesOptions> options)
{
    public async Task<Result<Created>> HandleAsync(Caller caller, CreateActivityRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var plan = await planning.PlanAsync(caller, request, cancellationToken);
        if (!plan.IsSuccess)
        {
            return plan.Error;
        }

        var (place, organiser, topicCommunity) = plan.Value!;
        var now = time.GetUtcNow();
        var sessions = request.Sessions.OrderBy(s => s.StartsAt).Select((s, i) => new ActivitySession($"s{i + 1}", s.StartsAt!.Value, s.EndsAt!.Value, s.Capacity ?? 0, s.VolunteerPlaces ?? 0)).ToList();
        if (sessions[0].StartsAt <= now)
        {
            return Error.Validation("sessions", "活动开始时间须晚于现在");
        }

        if (request.SignUpClosesAt > sessions[0].StartsAt)
        {
            return Error.Validation("signUpClosesAt", "报名须在第一场活动开始前截止");
        }

        if (await guard.CheckStaffTextAsync(caller.User.OpenId, ContentCheckScene.Forum, [request.Title, request.Description, request.Place.Address, request.Terms], cancellationToken) is { } refused)
        {
            return refused;
        }

        var activity = new Activity
        {
            Id = ActivityStore.NewId(),
            Title = request.Title.Trim(),
            Kind = request.Kind!.Value,
            Description = request.Description.Trim(),
            Place = new ActivityPlace(place.Id, request.Place.Address.Trim()),
            OrgPath = [.. place.Path, place.Id],
            Organiser = organiser,
            Sessions = sessions,
            SignUpOpensAt = request.SignUpOpensAt!.Value,
            SignUpClosesAt = request.SignUpClosesAt!.Value,
            CancelCutoffHours = request.CancelCutoffHours ?? 24,
            Eligibility = request.Eligibility ?? new ActivityEligibility(),
            NeedsApproval = request.NeedsApproval ?? false,
            Terms = string.IsNullOrWhiteSpace(request.Terms) ? null : request.Terms.Trim(),
            TopicId = request.TopicId,
            CreatedBy = caller.Id,
            CreatedAt = now,
            StartsAt = sessions[0].StartsAt,
            EndsAt = sessions.Max(s => s.EndsAt),
        };
        var timers = new List<TimerMessage>();
        foreach (var session in sessions)
        {
            var roster = ActivityRosters.New(activity, session);
            await rosters.TryCreateAsync(roster, cancellationToken);
            timers.AddRange(ActivityRosters.Timers(roster, now, options.Value.ReminderLead));
        }

        var created = await pipeline.CreateAsync(
            new AggregateChange<Activity>(activity, new AuditEntry(ActivityEvents.EntityType, "activity.created", caller.Id, null, "published"))
            {
                Events = topicCommunity is null ? [] : [ActivityEvents.DeedScheduled(activity, topicCommunity, now)],
                Timers = timers,
            },
            cancellationToken);
        return new Created(ActivityViews.View(created, [], caller.Id, canManage: true), $"activities/{created.Id}");
    }
}
