using System.Globalization;
using System.Text.Json.Nodes;
using FluentValidation;
using GongTongDizao.Core.Auth;
using GongTongDizao.Core.Common;
using GongTongDizao.Core.ContentSafety;
using GongTongDizao.Core.Events;
using GongTongDizao.Core.Telemetry;
using GongTongDizao.WeChat;

namespace GongTongDizao.Core.Features.Topics;

/// <summary>A meeting to come (capacity required), or with <see cref="HeldOffline"/> one that already took place offline.</summary>
public sealed record ScheduleMeetingRequest(DateTimeOffset StartsAt, string Place, string Agenda, int? Capacity = null, bool HeldOffline = false);

public sealed class ScheduleMeetingValidator : AbstractValidator<ScheduleMeetingRequest>
{
    public ScheduleMeetingValidator()
    {
        RuleFor(r => r.Place).NotEmpty().Text(2, 100);
        RuleFor(r => r.Agenda).NotEmpty().Text(2, 1000, multiline: true);
        RuleFor(r => r.Capacity).NotNull().WithMessage("请设置名额").Unless(r => r.HeldOffline);
        RuleFor(r => r.Capacity).InclusiveBetween(1, 500);
    }
}

public sealed record RecordMinutesRequest(int Attendees, string Summary);

public sealed class RecordMinutesValidator : AbstractValidator<RecordMinutesRequest>
{
    public RecordMinutesValidator()
    {
        RuleFor(r => r.Attendees).InclusiveBetween(0, 10_000);
        RuleFor(r => r.Summary).NotEmpty().Text(5, 5000, multiline: true);
    }
}

/// <summary>The caller's place at a meeting after registering or cancelling.</summary>
public sealed record RegistrationView(string TopicId, string MeetingId, RegistrationState State, int? WaitingPosition, int RegisteredCount, int WaitingCount);

/// <summary>
/// Staff in scope schedule a deliberation meeting (议事会); seconders and registrants hear of it (topic.meeting_scheduled).
/// A meeting held offline is recorded afterwards: its start lies in the past, nobody is invited or may register, and
/// its minutes can be recorded right away.
/// </summary>
public sealed class ScheduleMeeting(TopicGate gate, TopicWriter writer, TopicViews views, ContentGuard guard)
{
    public const int MaxMeetings = 20;

    public async Task<Result<Created>> HandleAsync(Caller caller, string topicId, ScheduleMeetingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var gated = await gate.CheckAsync(caller, topicId, TopicAction.ScheduleMeeting, cancellationToken);
        if (!gated.IsSuccess)
        {
            return gated.Error;
        }

        if (request.HeldOffline ? request.StartsAt > writer.Now : request.StartsAt <= writer.Now)
        {
            return Error.Validation("startsAt", request.HeldOffline ? "线下已召开的会议，时间须早于现在" : "会议时间须晚于现在");
        }

        var topic = gated.Value.Topic;
        if (topic.Meetings.Count >= MaxMeetings)
        {
            return Error.InvalidState($"一个议题最多安排 {MaxMeetings} 次议事会");
        }

        if (await guard.CheckStaffTextAsync(caller.User.OpenId, ContentCheckScene.Forum, [request.Place, request.Agenda], cancellationToken) is { } refused)
        {
            return refused;
        }

        var meeting = new Meeting
        {
            Id = Guid.NewGuid().ToString("N")[..12],
            StartsAt = request.StartsAt,
            Place = request.Place.Trim(),
            Agenda = request.Agenda.Trim(),
            Capacity = request.Capacity ?? 0,
            ScheduledBy = caller.Id,
            HeldOffline = request.HeldOffline,
        };
        var after = topic with { Meetings = [.. topic.Meetings, meeting] };
        var scheduled = writer.Event(EventTypes.TopicMeetingScheduled, topic, caller.Id, new JsonObject
        {
            ["meetingId"] = meeting.Id,
            ["meetingStartsAt"] = meeting.StartsAt.ToString("O", CultureInfo.InvariantCulture),
            ["place"] = meeting.Place,
        });
        var saved = await writer.SaveAsync(topic, after, request.HeldOffline ? "meeting.recorded_offline" : "meeting.scheduled", caller.Id, null, request.HeldOffline ? [] : [scheduled], cancellationToken);
        return saved.IsSuccess ? new Created(await views.CreateAsync(saved.Value, caller, gated.Value.Roles, cancellationToken), $"topics/{Uri.EscapeDataString(saved.Value.Id)}") : saved.Error;
    }
}

/// <summary>
/// Residents register for a meeting: a seat while there is capacity, then the waiting list, which moves up when
/// someone cancels. Seats and queue are in the topic document, changed under its ETag and retried on a conflict,
/// so concurrent registrations never exceed the capacity.
/// </summary>
public sealed class RegisterForMeeting(TopicGate gate, TopicStore store, TopicWriter writer, TopicStatsStore stats)
{
    private const int MaxAttempts = 15;

    public Task<Result<RegistrationView>> RegisterAsync(Caller caller, string topicId, string meetingId, CancellationToken cancellationToken) =>
        ChangeAsync(caller, topicId, meetingId, register: true, cancellationToken);

    public Task<Result<RegistrationView>> CancelAsync(Caller caller, string topicId, string meetingId, CancellationToken cancellationToken) =>
        ChangeAsync(caller, topicId, meetingId, register: false, cancellationToken);

    private async Task<Result<RegistrationView>> ChangeAsync(Caller caller, string topicId, string meetingId, bool register, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var gated = await gate.CheckAsync(caller, topicId, TopicAction.RegisterForMeeting, cancellationToken);
        if (!gated.IsSuccess)
        {
            return gated.Error;
        }

        var topic = gated.Value.Topic;
        for (var attempt = 0; attempt < MaxAttempts && topic is not null; attempt++)
        {
            if (!TopicStateMachine.Allows(topic.Status, TopicAction.RegisterForMeeting, gated.Value.Roles))
            {
                return Error.InvalidState("议题已不在议事阶段");
            }

            var meeting = topic.FindMeeting(meetingId);
            if (meeting is null)
            {
                return Error.NotFound();
            }

            if (meeting.Status != MeetingStatus.Scheduled || meeting.StartsAt <= writer.Now)
            {
                return Error.InvalidState("会议已开始或已结束，不能再报名或取消");
            }

            var changed = register ? meeting.Register(caller.Id) : meeting.Cancel(caller.Id);
            if (changed is null)
            {
                return Error.InvalidState("名额和候补均已满");
            }

            if (ReferenceEquals(changed, meeting))
            {
                return View(topic, meeting, caller.Id);
            }

            var after = topic.WithMeeting(changed);
            if (register && !after.RegistrantIds.Contains(caller.Id))
            {
                after = after with { RegistrantIds = [.. after.RegistrantIds, caller.Id] };
            }

            var saved = await writer.TrySaveAsync(topic, after, register ? "meeting.registered" : "meeting.cancelled", caller.Id, meetingId, [], cancellationToken);
            if (saved is not null)
            {
                await stats.IncrementAsync(saved.CommunityId, writer.Now, [(StatCounters.Participations, register ? 1 : -1)], cancellationToken);
                return View(saved, saved.FindMeeting(meetingId)!, caller.Id);
            }

            topic = await store.FindAsync(topicId, cancellationToken);
        }

        return Error.From(ErrorCodes.ConcurrentChange);
    }

    private static RegistrationView View(Topic topic, Meeting meeting, string userId)
    {
        var (state, position) = meeting.PlaceOf(userId);
        return new RegistrationView(topic.Id, meeting.Id, state, position, meeting.Registered.Count, meeting.Waiting.Count);
    }
}

/// <summary>Staff record the minutes; the meeting is then held and counts as a deliberation (议事) in the statistics and telemetry.</summary>
public sealed class RecordMinutes(TopicGate gate, TopicWriter writer, TopicViews views, TopicStatsStore stats, AppEvents events, ContentGuard guard)
{
    public async Task<Result<TopicView>> HandleAsync(Caller caller, string topicId, string meetingId, RecordMinutesRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var gated = await gate.CheckAsync(caller, topicId, TopicAction.RecordMinutes, cancellationToken);
        if (!gated.IsSuccess)
        {
            return gated.Error;
        }

        var topic = gated.Value.Topic;
        var meeting = topic.FindMeeting(meetingId);
        if (meeting is null)
        {
            return Error.NotFound();
        }

        if (meeting.Status == MeetingStatus.Held)
        {
            return Error.InvalidState("该会议的纪要已记录");
        }

        if (meeting.StartsAt > writer.Now)
        {
            return Error.InvalidState("会议尚未开始");
        }

        if (await guard.CheckStaffTextAsync(caller.User.OpenId, ContentCheckScene.Forum, [request.Summary], cancellationToken) is { } refused)
        {
            return refused;
        }

        var held = meeting with { Status = MeetingStatus.Held, Attendees = request.Attendees, Summary = request.Summary.Trim(), HeldAt = writer.Now };
        var saved = await writer.SaveAsync(topic, topic.WithMeeting(held), "meeting.held", caller.Id, meetingId, [], cancellationToken);
        if (!saved.IsSuccess)
        {
            return saved.Error;
        }

        events.DeliberationHeld(topic.Id, topic.CommunityId);
        await stats.IncrementAsync(topic.CommunityId, writer.Now, [(StatCounters.DeliberationsHeld, 1)], cancellationToken);
        return await views.CreateAsync(saved.Value, caller, gated.Value.Roles, cancellationToken);
    }
}
