using System.Globalization;
using System.Text.Json.Nodes;
using GongTongDizao.Core.ContentSafety;
using GongTongDizao.Core.Events;
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
