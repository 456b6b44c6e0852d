using GongTongDizao.Core.Features.Attachments;

namespace GongTongDizao.Core.Features.Topics;

/// <summary>Photos on topics and progress updates, through the Attachments feature: an explicit optional dependency (without it, photos are refused).</summary>
public sealed class TopicAttachments(IAttachments? attachments = null)
{
    public const int MaxPerItem = 9;

    public async Task<Result<IReadOnlyList<AttachmentRef>>> CommitAsync(string ownerId, IReadOnlyList<string>? uploadIds, string parentType, string parentId, string orgId, CancellationToken cancellationToken)
    {
        if (uploadIds is null || uploadIds.Count == 0)
        {
            return Result<IReadOnlyList<AttachmentRef>>.Success([]);
        }

        if (attachments is null)
        {
            return Error.Validation("attachments", "暂不支持附件");
        }

        return await attachments.CommitAsync(ownerId, [.. uploadIds.Distinct(StringComparer.Ordinal)], parentType, parentId, orgId, cancellationToken);
    }

    /// <summary>Read URLs for photos of an item the caller may read (checked by the caller).</summary>
    public async Task<IReadOnlyList<AttachmentView>> ViewAsync(IReadOnlyList<AttachmentRef> photos, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(photos);
        return photos.Count == 0 || attachments is null ? [] : await attachments.ViewAsync(photos, cancellationToken);
    }
}
