using GongTongDizao.Core.Authorization;
using GongTongDizao.Core.Features.Attachments;
using GongTongDizao.Core.Features.Identity;
using GongTongDizao.Core.Features.Orgs;

namespace GongTongDizao.Core.Features.Letters;

/// <summary>A letter as its reader may see it. <see cref="Author"/> is only ever shown to staff, and never for an anonymous letter.</summary>
public sealed record LetterView(
    string Id,
    LetterCategory Category,
    string CategoryLabel,
    string Title,
    string Content,
    bool Anonymous,
    LetterStatus Status,
    OrgRef Community,
    OrgRef HandlingOrg,
    LetterAuthorView? Author,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ReceivedAt,
    DateTimeOffset? AcceptedAt,
    DateTimeOffset? DueAt,
    bool Overdue,
    string? OverdueStage,
    LetterAssigneeView? Assignee,
    string? DuplicateOf,
    bool ReopenedOnce,
    LetterEvaluation? Evaluation,
    IReadOnlyList<LetterStep> Timeline,
    IReadOnlyList<LetterReplyView> Replies,
    IReadOnlyList<AttachmentView> Attachments,
    IReadOnlyList<string> AllowedActions)
{
    /// <summary>For the author of a duplicate: how the letter it duplicates is getting on (set by <see cref="GetLetter"/>).</summary>
    public LetterOriginalView? Original { get; init; }
}

/// <summary>The progress of the letter a duplicate points to: its status and steps only.</summary>
public sealed record LetterOriginalView(string Id, LetterStatus Status, string StatusLabel, IReadOnlyList<LetterStep> Timeline);

/// <summary>One row of a listing: no content, replies or timeline.</summary>
public sealed record LetterSummary(
    string Id,
    LetterCategory Category,
    string CategoryLabel,
    string Title,
    bool Anonymous,
    LetterStatus Status,
    OrgRef Community,
    LetterAuthorView? Author,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DueAt,
    bool Overdue,
    int ReplyCount);

public sealed record LetterPage(IReadOnlyList<LetterSummary> Items, string? Continuation);

public sealed record LetterAuthorView(string Id, string? DisplayName);

public sealed record LetterAssigneeView(string UserId, string? DisplayName, DateTimeOffset DueAt);

public sealed record LetterReplyView(string Id, string Content, DateTimeOffset At, OrgRef ByOrg);

/// <summary>Who the caller is towards one letter, and the views that follow from it.</summary>
public sealed class LetterViews(Authorizer authorizer, OrgDirectory orgs, IAttachments? attachments = null)
{
    /// <summary>The parts the caller plays towards this letter; empty means they may not even know it exists.</summary>
    public async Task<IReadOnlySet<LetterActor>> ActorsAsync(UserAccount user, Letter letter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(letter);
        var actors = new HashSet<LetterActor>();
        if (letter.AuthorId == user.Id)
        {
            actors.Add(LetterActor.Author);
        }

        // Held text is for moderators only: staff learn of a letter once it is published, and never of one the
        // moderators rejected (its author alone reads why).
        if (letter.Status is not (LetterStatus.Held or LetterStatus.Rejected) && await authorizer.CanAsync(user, Permission.HandleLetters, letter.HandlingOrgId, cancellationToken))
        {
            actors.Add(LetterActor.Staff);
        }

        if (letter.Status == LetterStatus.Held && await authorizer.CanAsync(user, Permission.ModerateContent, letter.CommunityId, cancellationToken))
        {
            actors.Add(LetterActor.Moderator);
        }

        return actors;
    }

    public async Task<LetterView> ViewAsync(Letter letter, IReadOnlySet<LetterActor> actors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(letter);
        ArgumentNullException.ThrowIfNull(actors);
        var asAuthor = actors.Contains(LetterActor.Author);
        var replies = new List<LetterReplyView>();
        foreach (var reply in letter.Replies)
        {
            replies.Add(new LetterReplyView(reply.Id, reply.Content, reply.At, await RefAsync(reply.ByOrgId, cancellationToken)));
        }

        return new LetterView(
            letter.Id,
            letter.Category,
            LetterCategories.Label(letter.Category),
            letter.Title,
            letter.Content,
            letter.Anonymous,
            letter.Status,
            await RefAsync(letter.CommunityId, cancellationToken),
            await RefAsync(letter.HandlingOrgId, cancellationToken),
            asAuthor ? null : AuthorFor(letter),
            letter.CreatedAt,
            letter.ReceivedAt,
            letter.AcceptedAt,
            DueAt(letter),
            letter.Overdue,
            letter.OverdueStage,
            asAuthor || letter.Assignee is not { } a ? null : new LetterAssigneeView(a.UserId, a.DisplayName, a.DueAt),
            letter.DuplicateOf,
            letter.ReopenedOnce,
            letter.Evaluation,
            letter.Timeline,
            replies,
            await AttachmentsAsync(letter, cancellationToken),
            AllowedActions(letter.Status, actors));
    }

    public async Task<LetterSummary> SummaryAsync(Letter letter, bool forStaff, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(letter);
        return new LetterSummary(
            letter.Id,
            letter.Category,
            LetterCategories.Label(letter.Category),
            letter.Title,
            letter.Anonymous,
            letter.Status,
            await RefAsync(letter.CommunityId, cancellationToken),
            forStaff ? AuthorFor(letter) : null,
            letter.CreatedAt,
            DueAt(letter),
            letter.Overdue,
            letter.Replies.Count);
    }

    /// <summary>The one place that decides what staff learn of the author: nothing at all when the letter is anonymous.</summary>
    public static LetterAuthorView? AuthorFor(Letter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        return letter.Anonymous ? null : new LetterAuthorView(letter.AuthorId, letter.AuthorName);
    }

    public static DateTimeOffset? DueAt(Letter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        return letter.Status switch
        {
            LetterStatus.Submitted => letter.Deadlines.AcceptBy,
            LetterStatus.Accepted or LetterStatus.InProgress or LetterStatus.Reopened => letter.Deadlines.ReplyBy,
            _ => null,
        };
    }

    /// <summary>The endpoint names (…/{id}/accept etc.) the caller may use now; evaluating covers reopening.</summary>
    public static IReadOnlyList<string> AllowedActions(LetterStatus status, IReadOnlyCollection<LetterActor> actors) =>
        [.. LetterLifecycle.Allowed(status, actors)
            .Where(a => a is not (LetterAction.Reopen or LetterAction.AutoClose))
            .Select(a => a == LetterAction.MarkDuplicate ? "duplicate" : LetterCodes.Of(a))];

    private async Task<IReadOnlyList<AttachmentView>> AttachmentsAsync(Letter letter, CancellationToken cancellationToken) =>
        letter.Attachments.Count > 0 && attachments is not null
            ? await attachments.ViewAsync(letter.Attachments, cancellationToken)
            : [];

    private async Task<OrgRef> RefAsync(string id, CancellationToken cancellationToken) =>
        new(id, (await orgs.FindAsync(id, cancellationToken))?.Name ?? id);
}
