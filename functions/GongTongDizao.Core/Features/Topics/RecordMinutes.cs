using GongTongDizao.Core.ContentSafety;
using GongTongDizao.Core.Telemetry;
using GongTongDizao.WeChat;

namespace GongTongDizao.Core.Features.Topics;

public sealed record RecordMinutesRequest(int Attendees, string Summary);

public sealed class RecordMinutesValidator : AbstractValidator<RecordMinutesRequest>
{
    public RecordMinutesValidator()
    {
        RuleFor(r => r.Attendees).InclusiveBetween(0, 10_000);
        RuleFor(r => r.Summary).NotEmpty().Text(5, 5000, multiline: true);
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
