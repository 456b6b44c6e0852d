using FluentValidation;
using GongTongDizao.Core.Audit;
using GongTongDizao.Core.Auth;
using GongTongDizao.Core.Common;
using GongTongDizao.Core.ContentSafety;
using GongTongDizao.Core.Events;
using GongTongDizao.Core.Features.Attachments;
using GongTongDizao.Core.Features.Orgs;
using GongTongDizao.Core.Timers;
using GongTongDizao.WeChat;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

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
/// A resident writes to the mailbox of their home community. Order matters: a cheap look at the daily limit first (it
/// spares WeChat), then the text check (risky → nothing stored), then a slot of the day taken atomically
/// (<see cref="DailyLetterLimit"/>), then the photos, then one write with the event in the outbox.
/// </summary>
public sealed class SubmitLetter(
    LetterStore store,
    LetterViews views,
    LetterTransitions transitions,
    OrgDirectory orgs,
    ContentGuard guard,
    DailyLetterLimit limit,
    AuditLog audit,
    IOptions<LettersOptions> options,
    IServiceProvider services,
    TimeProvider time)
{
    public const string AcceptDeadlineKind = "letter.accept_deadline";
    public const string ReplyDeadlineKind = "letter.reply_deadline";
    public const string AutoCloseKind = "letter.auto_close";

    public async Task<Result<Created>> HandleAsync(Caller caller, SubmitLetterRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var settings = options.Value;
        if (caller.User.HomeCommunityId is not { } communityId || await orgs.FindAsync(communityId, cancellationToken) is not { Level: OrgLevel.Community } community)
        {
            return Error.Validation("homeCommunityId", "请先在“我的”中设置所在社区，信件将交给该社区所属的团组织");
        }

        var now = time.GetUtcNow();
        var nextDay = ChinaTime.DayOf(now).Next;
        var day = ChinaTime.DayKey(now);
        var limited = Error.From(ErrorCodes.RateLimited, $"每人每天最多写 {settings.DailyLimit} 封信，请明天再来") with { RetryAfter = nextDay - now };
        if (caller.User.LetterDay is { } seen && seen.Day == day && seen.Count >= settings.DailyLimit)
        {
            return limited;
        }

        var uploads = request.Attachments ?? [];
        var attachments = uploads.Count == 0 ? null : services.GetService<IAttachments>();
        if (uploads.Count > 0 && attachments is null)
        {
            return Error.Validation("attachments", "暂不支持附件");
        }

        var title = request.Title.Trim();
        var content = request.Content.Trim();
        var verdict = await guard.CheckAsync(caller.User.OpenId, ContentCheckScene.Forum, title, content, cancellationToken);
        if (verdict == ContentVerdict.Reject)
        {
            return Error.From(ErrorCodes.ContentRejected);
        }

        // The slot is taken atomically only now, so a refused text spends none; the cheap check above spares WeChat.
        var slot = await limit.TryTakeAsync(caller.Id, day, settings.DailyLimit, cancellationToken);
        if (!slot.IsSuccess || !slot.Value)
        {
            return slot.IsSuccess ? limited : slot.Error;
        }

        var id = LetterStore.NewId(communityId);
        IReadOnlyList<AttachmentRef> committed = [];
        if (attachments is not null)
        {
            var commit = await attachments.CommitAsync(caller.Id, uploads, LetterEvents.EntityType, id, communityId, cancellationToken);
            if (!commit.IsSuccess)
            {
                await limit.GiveBackAsync(caller.Id, day, cancellationToken);
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
            CommunityId = communityId,
            OrgPath = orgPath,
            HandlingOrgId = communityId,
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
        IReadOnlyList<TimerMessage> deadlines = [];
        if (!held)
        {
            (letter, var submitted, deadlines) = Receive(letter, settings, caller.Id, now);
            letter = letter with { Outbox = [submitted] };
        }

        var saved = await store.CreateAsync(letter, cancellationToken);
        transitions.Created(saved);
        await audit.AppendAsync(LetterEvents.EntityType, saved.Id, held ? "letter.held" : "letter.submitted", caller.Id, to: LetterCodes.Of(status), cancellationToken: cancellationToken);
        await transitions.AfterSaveAsync(saved, deadlines, cancellationToken);
        return new Created(await views.ViewAsync(saved, new HashSet<LetterActor> { LetterActor.Author }, cancellationToken), $"letters/{Uri.EscapeDataString(saved.Id)}");
    }

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
        var accept = LetterTransitions.Timer(AcceptDeadlineKind, received, received.Deadlines.AcceptBy!.Value);
        return (received, LetterEvents.Submitted(received, actorId, now), LetterDeadlineHandler.ChainsReplyDeadline(received)
            ? [accept]
            : [accept, LetterTransitions.Timer(ReplyDeadlineKind, received, received.Deadlines.ReplyBy!.Value)]);
    }
}
