using System.Runtime.CompilerServices;
using GongTongDizao.Core.Audit;
using GongTongDizao.Core.Authorization;
using GongTongDizao.Core.Features.Orgs;
using GongTongDizao.Core.Moderation;

namespace GongTongDizao.Core.Features.Attachments;

/// <summary>
/// Held photos in the moderation queue. The preview is a short read URL (the moderator is in scope of the item's
/// org, which is all a reader of the item could be); approve publishes the photo, reject hides it for good.
/// </summary>
public sealed class ImageModerationSource(UploadStore uploads, AttachmentBlobs blobs, OrgDirectory orgs, Authorizer authorizer, AuditLog audit, TimeProvider time) : IModerationSource
{
    public const string Type = "image";

    public string ItemType => Type;

    public async IAsyncEnumerable<ModerationItem> HeldAsync(IReadOnlyList<string> scopeRootOrgIds, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scopeRootOrgIds);
        await foreach (var record in uploads.HeldAsync(cancellationToken))
        {
            if (record.OrgId is null || !await CoveredAsync(scopeRootOrgIds, record.OrgId, cancellationToken))
            {
                continue;
            }

            var preview = await blobs.ReadUrlAsync(record.BlobName, AttachmentRules.ReadSasLifetime, cancellationToken);
            yield return new ModerationItem(record.Id, Type, record.OrgId, MediaCheckReasons.Describe(record.Check?.Reason), preview.Uri.AbsoluteUri, record.Check!.UpdatedAt);
        }
    }

    public async Task<Result<NoContent>> DecideAsync(Caller moderator, string itemId, bool approve, string? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(moderator);
        var record = AttachmentRules.IsUploadId(itemId) ? await uploads.FindByIdAsync(itemId, cancellationToken) : null;
        if (record is not { Status: UploadStatus.Committed, OrgId: not null, Check: not null })
        {
            return Error.NotFound();
        }

        if (!await authorizer.CanAsync(moderator.User, Permission.ModerateContent, record.OrgId, cancellationToken))
        {
            // A moderator of another area gets what a missing photo gets: the id confirms nothing.
            return Authorizer.ScopeRoots(moderator.User, Permission.ModerateContent).Count == 0 ? Error.Forbidden() : Error.NotFound();
        }

        var status = approve ? MediaCheckStatus.Passed : MediaCheckStatus.Rejected;
        var now = time.GetUtcNow();
        var change = await uploads.UpdateAsync(
            record.OwnerId,
            record.Id,
            current => current.Check is { Status: MediaCheckStatus.Held } check
                ? current with { Check = check with { Status = status, Reason = approve ? check.Reason : reason, DecidedBy = moderator.Id, UpdatedAt = now } }
                : null,
            cancellationToken);
        if (change is null)
        {
            return Error.InvalidState("该图片已处理，不在待审核状态");
        }

        var to = AttachmentRules.StatusName(status);
        await audit.AppendAsync(AttachmentRules.AuditEntityType, record.Id, approve ? "attachment.moderation_approved" : "attachment.moderation_rejected", moderator.Id, "held", to, reason, cancellationToken);
        return new NoContent();
    }

    private async Task<bool> CoveredAsync(IReadOnlyList<string> roots, string orgId, CancellationToken cancellationToken)
    {
        foreach (var root in roots)
        {
            if (await orgs.CoversAsync(root, orgId, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }
}
