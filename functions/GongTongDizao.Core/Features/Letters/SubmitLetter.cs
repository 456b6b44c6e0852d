using GongTongDizao.Core.ContentSafety;
using GongTongDizao.Core.Events;
using GongTongDizao.Core.Features.Attachments;
using GongTongDizao.Core.Timers;
using GongTongDizao.WeChat;

namespace GongTongDizao.Core.Features.Letters;

public sealed record SubmitLetterRequest(LetterCategory? Category, string Title, string Content, bool Anonymous, IReadOnlyList<string>? Attachments);

public sealed class SubmitLetterValidator : AbstractValidator<SubmitLetterRequest>
{
    public const int MaxAttachments = 9;

    public SubmitLetterValidator()
    {
        RuleFor(r => r.Category).NotNull().WithMessage("请选择信件类别").IsInEnum();
        RuleFor(r => r.Title).NotEmpty().Text(1, 50);
        RuleFor(r => r.Content).NotEmpty().Text(1, 2000, multiline: true);
        RuleFor(r => r.Attachments)
            .Must(a => a is null || a.Count <= MaxAttachments).WithMessage($"最多 {MaxAttachments} 张图片")
            .Must(a => a is null || a.Distinct(StringComparer.Ordinal).Count() == a.Count).WithMessage("图片不能重复");
        RuleForEach(r => r.Attachments).NotEmpty().MaximumLength(64);
    }
}

/// <summary>
/// A resident writes to the mailbox of their home community. A cheap look at the daily limit first (it spares WeChat),
/// then the text check (risky → nothing stored) side by side with a slot of the day taken atomically
/// (<see cref="DailyLetterLimit"/>, given back when the text is refused), then the photos, then one write with the
/// event in the outbox.
/// </summary>
public sealed class SubmitLetter(
    LetterTransitions transitions,
    LetterReception reception,
    ContentGuard guard,
    DailyLetterLimit limit,
    TimeProvider time,
    IAttachments? attachments = null)
{
    public async Task<Result<Created>> HandleAsync(Caller caller, SubmitLetterRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var mailbox = await reception.MailboxOfAsync(caller.User, cancellationToken);
        if (!mailbox.IsSuccess)
        {
            return mailbox.Error;
        }

        var community = mailbox.Value;
        var now = time.GetUtcNow();
        if (limit.SeenReached(caller.User, now) is { } limited)
        {
            return limited;
        }

        var uploads = request.Attachments ?? [];
        if (uploads.Count > 0 && attachments is null)
        {
            return Error.Validation("attachments", "暂不支持附件");
        }

        var title = request.Title.Trim();
        var content = request.Content.Trim();

        // WeChat's text check and the day's slot do not depend on each other, so the request waits for the slower of
        // the two, not for both in turn; a refused text gives its slot back, so it still spends none.
        var checking = guard.CheckAsync(caller.User.OpenId, ContentCheckScene.Forum, title, content, cancellationToken);
        var day = await limit.TakeAsync(caller.User, now, cancellationToken);
        ContentVerdict verdict;
        try
        {
            verdict = await checking;
        }
        catch
        {
            await GiveBackAsync(caller.Id, day);
            throw;
        }

        if (verdict == ContentVerdict.Reject)
        {
            await GiveBackAsync(caller.Id, day);
            return Error.From(ErrorCodes.ContentRejected);
        }

        if (!day.IsSuccess)
        {
            return day.Error;
        }

        var id = LetterStore.NewId(community.Id);
        IReadOnlyList<AttachmentRef> committed = [];
        if (uploads.Count > 0 && attachments is not null)
        {
            var commit = await attachments.CommitAsync(caller.Id, uploads, LetterEvents.EntityType, id, community.Id, cancellationToken);
            if (!commit.IsSuccess)
            {
                await limit.GiveBackAsync(caller.Id, day.Value, cancellationToken);
                return commit.Error;
            }

            committed = commit.Value;
        }

        var held = verdict == ContentVerdict.Hold;
        var status = held ? LetterStatus.Held : LetterStatus.Submitted;
        var orgPath = community.Path.Append(community.Id).ToList();
        var letter = new Letter
        {
            Id = id,
            CommunityId = community.Id,
            OrgPath = orgPath,
            HandlingOrgId = community.Id,
            HandlingPath = orgPath,
            AuthorId = caller.Id,
            AuthorName = request.Anonymous ? null : caller.User.DisplayName,
            Anonymous = request.Anonymous,
            Category = request.Category!.Value,
            Title = title,
            Content = content,
            Attachments = committed,
            Status = status,
            CreatedAt = now,
            Timeline = [new LetterStep(status, null, LetterActor.Author, now, held ? "内容待人工审核" : null)],
        };
        IReadOnlyList<DomainEvent> events = [];
        IReadOnlyList<TimerMessage> deadlines = [];
        if (!held)
        {
            (letter, var submitted, deadlines) = reception.Receive(letter, caller.Id, now);
            events = [submitted];
        }

        var view = await transitions.SubmitAsync(letter, events, deadlines, cancellationToken);
        return new Created(view, $"letters/{Uri.EscapeDataString(letter.Id)}");
    }

    /// <summary>Gives back a slot taken for a letter that is not stored (the request may be cancelled by now).</summary>
    private async Task GiveBackAsync(string userId, Result<string> day)
    {
        if (day.IsSuccess)
        {
            await limit.GiveBackAsync(userId, day.Value, CancellationToken.None);
        }
    }
}
