using GongTongDizao.Core.Events;
using GongTongDizao.Core.Features.Identity;
using GongTongDizao.Core.Features.Orgs;
using GongTongDizao.Core.Timers;
using Microsoft.Extensions.Options;

namespace GongTongDizao.Core.Features.Letters;

/// <summary>
/// Where a letter goes and when it is due: a resident writes to the mailbox of their home community, and a letter that
/// reaches staff (at once, or when a moderator approves it) starts its deadlines, counts in the statistics and tells
/// the staff in scope.
/// </summary>
public sealed class LetterReception(OrgDirectory orgs, IOptions<LettersOptions> options)
{
    /// <summary>The community whose youth league receives the resident's letters; a validation error until they chose one.</summary>
    public async Task<Result<OrgUnit>> MailboxOfAsync(UserAccount user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.HomeCommunityId is not { } communityId || await orgs.FindAsync(communityId, cancellationToken) is not { Level: OrgLevel.Community } community)
        {
            return Error.Validation("homeCommunityId", "请先在“我的”中设置所在社区，信件将交给该社区所属的团组织");
        }

        return community;
    }

    /// <summary>The letter reaches staff under the configured deadlines.</summary>
    public (Letter Letter, DomainEvent Submitted, IReadOnlyList<TimerMessage> Timers) Receive(Letter letter, string actorId, DateTimeOffset now) =>
        Receive(letter, options.Value, actorId, now);

    /// <summary>The letter reaches staff: deadlines start, statistics count it, staff in scope hear of it.</summary>
    public static (Letter Letter, DomainEvent Submitted, IReadOnlyList<TimerMessage> Timers) Receive(Letter letter, LettersOptions settings, string actorId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(letter);
        ArgumentNullException.ThrowIfNull(settings);
        var received = letter with
        {
            ReceivedAt = now,
            Deadlines = new LetterDeadlines { AcceptBy = now + settings.AcceptDeadline, ReplyBy = now + settings.ReplyDeadline },
            Metrics = letter.Metrics with { Received = true },
        };
        // One timer per submit: the accept deadline's check schedules the later reply deadline's (LetterDeadlineHandler).
        var accept = LetterTimers.For(LetterTimers.AcceptDeadlineKind, received, received.Deadlines.AcceptBy!.Value);
        return (received, LetterEvents.Submitted(received, actorId, now), LetterDeadlineHandler.ChainsReplyDeadline(received)
            ? [accept]
            : [accept, LetterTimers.For(LetterTimers.ReplyDeadlineKind, received, received.Deadlines.ReplyBy!.Value)]);
    }
}
