using GongTongDizao.Core.Features.Identity;

namespace GongTongDizao.Core.Features.Topics;

/// <summary>One line of the sign-in sheet or of the waiting list (1-based position, in registration order).</summary>
public sealed record MeetingRegistrant(int Position, string UserId, string? DisplayName);

/// <summary>A meeting's registrants in the order they got their seat, and its waiting list in the order it moves up.</summary>
public sealed record MeetingRegistrations(
    string TopicId,
    string MeetingId,
    DateTimeOffset StartsAt,
    string Place,
    int Capacity,
    MeetingStatus Status,
    IReadOnlyList<MeetingRegistrant> Registered,
    IReadOnlyList<MeetingRegistrant> Waiting);

/// <summary>
/// The sign-in sheet for women's representatives and federation workers in scope: who holds a seat and who waits, by
/// name. Residents see only their own place (the registration endpoint), never this list.
/// </summary>
public sealed class ListMeetingRegistrations(TopicGate gate, UserStore users)
{
    private const int ParallelReads = 16;

    public async Task<Result<MeetingRegistrations>> HandleAsync(Caller caller, string topicId, string meetingId, CancellationToken cancellationToken)
    {
        var readable = await gate.ReadAsync(caller, topicId, cancellationToken);
        if (!readable.IsSuccess)
        {
            return readable.Error;
        }

        var (topic, roles) = readable.Value;

        if ((roles & TopicRole.Staff) == TopicRole.None)
        {
            return Error.Forbidden("只有辖区妇联工作人员和妇女代表可以查看报名名单");
        }

        if (topic.FindMeeting(meetingId) is not { } meeting)
        {
            return Error.NotFound();
        }

        var names = await NamesAsync([.. meeting.Registered, .. meeting.Waiting], cancellationToken);
        return new MeetingRegistrations(
            topic.Id,
            meeting.Id,
            meeting.StartsAt,
            meeting.Place,
            meeting.Capacity,
            meeting.Status,
            [.. meeting.Registered.Select((id, i) => new MeetingRegistrant(i + 1, id, names.GetValueOrDefault(id)))],
            [.. meeting.Waiting.Select((id, i) => new MeetingRegistrant(i + 1, id, names.GetValueOrDefault(id)))]);
    }

    /// <summary>Display names by point reads, a few at a time; a deleted account (a pseudonym) has none.</summary>
    private async Task<Dictionary<string, string?>> NamesAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var names = new System.Collections.Concurrent.ConcurrentDictionary<string, string?>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(
            ids.Distinct(StringComparer.Ordinal),
            new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = cancellationToken },
            async (id, ct) => names[id] = (await users.FindCachedAsync(id, ct))?.DisplayName);
        return new Dictionary<string, string?>(names, StringComparer.Ordinal);
    }
}
