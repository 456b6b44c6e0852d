using GongTongDizao.Core.Features.Identity;
using GongTongDizao.Core.Timers;
using GongTongDizao.WeChat;

namespace GongTongDizao.Core.Features.Attachments;

/// <summary>
/// Commits uploads to items and gives readers short-lived URLs. A commit checks everything first and changes
/// nothing when any upload fails; the photo is then copied out of the expiring upload prefix, bound to its item
/// (ETag, so two items cannot take the same upload) and sent to WeChat's asynchronous image check.
/// </summary>
public sealed class Attachments(UploadClaims claims, MediaCheckSubmitter checks, AttachmentReader reader, UserStore users, TimerQueue timers, TimeProvider time) : IAttachments
{
    public async Task<Result<IReadOnlyList<AttachmentRef>>> CommitAsync(string ownerId, IReadOnlyList<string> uploadIds, string parentType, string parentId, string orgId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(ownerId);
        ArgumentNullException.ThrowIfNull(uploadIds);
        ArgumentException.ThrowIfNullOrEmpty(orgId);
        if (uploadIds.Count == 0)
        {
            return Array.Empty<AttachmentRef>();
        }

        if (uploadIds.Count > AttachmentRules.MaxPerItem)
        {
            return Error.Validation("attachments", $"每条内容最多 {AttachmentRules.MaxPerItem} 张图片");
        }

        var checkedUploads = await claims.CheckAllAsync(ownerId, uploadIds, cancellationToken);
        if (!checkedUploads.IsSuccess)
        {
            return checkedUploads.Error;
        }

        var records = checkedUploads.Value;
        var now = time.GetUtcNow();
        var targets = await claims.CopyAsync(records, parentType, parentId, cancellationToken);

        // Scheduled before the uploads are bound: if the process stops between binding and submitting to WeChat,
        // the timeout still moves the photo to a moderator instead of leaving it pending for ever.
        foreach (var record in records)
        {
            await timers.ScheduleAsync(new TimerMessage(AttachmentRules.TimeoutTimerKind, record.Id, ownerId, now + AttachmentRules.VerdictTimeout), cancellationToken);
        }

        var bound = await claims.BindAsync(records, targets, (parentType, parentId, orgId), now, cancellationToken);
        if (!bound.IsSuccess)
        {
            return bound.Error;
        }

        var claimed = bound.Value;
        await claims.FinishAsync(claimed, ownerId, parentType, parentId, cancellationToken);
        var openId = (await users.FindAsync(ownerId, cancellationToken))?.OpenId;
        var scene = parentType == "comment" ? ContentCheckScene.Comment : ContentCheckScene.Forum;
        foreach (var (_, after) in claimed)
        {
            await checks.SubmitAsync(after, openId, scene, cancellationToken);
        }

        return claimed.Select(c => new AttachmentRef(c.After.Id, c.After.ContentType, c.After.Size) { OwnerId = ownerId }).ToArray();
    }

    public Task<IReadOnlyList<AttachmentView>> ViewAsync(IReadOnlyList<AttachmentRef> attachments, CancellationToken cancellationToken) =>
        reader.ViewAsync(attachments, cancellationToken);
}
