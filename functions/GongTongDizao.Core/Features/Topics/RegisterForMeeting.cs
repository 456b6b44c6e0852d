using GongTongDizao.Core.Aggregates;

namespace GongTongDizao.Core.Features.Topics;

/// <summary>The caller's place at a meeting after registering or cancelling.</summary>
public sealed record RegistrationView(string TopicId, string MeetingId, RegistrationState State, int? WaitingPosition, int RegisteredCount, int WaitingCount);

/// <summary>
/// Residents register for a meeting: a seat while there is capacity, then the waiting list, which moves up when
/// someone cancels. Seats and queue are in the topic document, changed under its ETag and retried on a conflict,
/// so concurrent registrations never exceed the capacity.
/// </summary>
public sealed class RegisterForMeeting(TopicGate gate, TopicWriter writer, TopicStatsStore stats)
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

        var wrote = false;
        var saved = await writer.RunAsync(
            gated.Value.Topic,
            topic =>
            {
                var decided = Decide(caller, topic, gated.Value.Roles, meetingId, register);
                wrote = decided.IsSuccess && !ReferenceEquals(decided.Value.After, topic);
                return Task.FromResult(decided);
            },
            MaxAttempts,
            cancellationToken);
        if (!saved.IsSuccess)
        {
            return saved.Error;
        }

        if (wrote)
        {
            await stats.IncrementAsync(saved.Value.CommunityId, writer.Now, [(StatCounters.Participations, register ? 1 : -1)], cancellationToken);
        }

        return View(saved.Value, saved.Value.FindMeeting(meetingId)!, caller.Id);
    }

    /// <summary>The registration on the topic as read now: a seat, the waiting list, nothing to change, or why not.</summary>
    private Result<AggregateChange<Topic>> Decide(Caller caller, Topic topic, TopicRole roles, string meetingId, bool register)
    {
        if (!TopicStateMachine.Allows(topic.Status, TopicAction.RegisterForMeeting, roles))
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
            return AggregateChange<Topic>.Unchanged(topic);
        }

        var after = topic.WithMeeting(changed);
        if (register && !after.RegistrantIds.Contains(caller.Id))
        {
            after = after with { RegistrantIds = [.. after.RegistrantIds, caller.Id] };
        }

        return writer.Change(topic, after, register ? "meeting.registered" : "meeting.cancelled", caller.Id, meetingId, []);
    }

    private static RegistrationView View(Topic topic, Meeting meeting, string userId)
    {
        var (state, position) = meeting.PlaceOf(userId);
        return new RegistrationView(topic.Id, meeting.Id, state, position, meeting.Registered.Count, meeting.Waiting.Count);
    }
}
