using GongTongDizao.Core.Common;
using GongTongDizao.Core.Features.Attachments;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.Core.Features.Topics;

/// <summary>Photos on topics and progress updates, through the Attachments feature when it is registered.</summary>
public sealed class TopicAttachments(IServiceProvider services)
{
    public const int MaxPerItem = 9;

    public async Task<Result<IReadOnlyList<AttachmentRef>>> CommitAsync(string ownerId, IReadOnlyList<string>? uploadIds, string parentType, string parentId, string orgId, CancellationToken cancellationToken)
    {
        if (uploadIds is null || uploadIds.Count == 0)
        {
            return Result<IReadOnlyList<AttachmentRef>>.Success([]);
        }

        if (services.GetService<IAttachments>() is not { } attachments)
        {
            return Error.Validation("attachments", "暂不支持附件");
        }

        return await attachments.CommitAsync(ownerId, [.. uploadIds.Distinct(StringComparer.Ordinal)], parentType, parentId, orgId, cancellationToken);
    }

    /// <summary>Read URLs for photos of an item the caller may read (checked by the caller).</summary>
    public async Task<IReadOnlyList<AttachmentView>> ViewAsync(IReadOnlyList<AttachmentRef> attachments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attachments);
        return attachments.Count == 0 || services.GetService<IAttachments>() is not { } service ? [] : await service.ViewAsync(attachments, cancellationToken);
    }
}
