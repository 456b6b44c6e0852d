namespace GongTongDizao.Core.Features.Attachments;

/// <summary>A photo committed to an item (letter, topic, comment, progress update).</summary>
public sealed record AttachmentRef(string UploadId, string ContentType, long Size)
{
    /// <summary>Whose upload it was: lets <see cref="IAttachments.ViewAsync"/> read it within one partition. Set by <see cref="IAttachments.CommitAsync"/>; store the ref as returned.</summary>
    public string? OwnerId { get; init; }
}

/// <summary>What a reader gets: a short-lived read URL, and the image-check status (pending | passed | held | rejected).</summary>
public sealed record AttachmentView(string UploadId, Uri? Url, DateTimeOffset? ExpiresAt, string Status);

/// <summary>
/// How features use uploads. <see cref="CommitAsync"/> checks each upload belongs to the caller, exists, matches its
/// declared size and really is the declared image type, then binds it to the item so it cannot be reused; any
/// problem is a VALIDATION_FAILED naming the upload. Callers check read access to the item before <see cref="ViewAsync"/>.
/// </summary>
public interface IAttachments
{
    Task<Result<IReadOnlyList<AttachmentRef>>> CommitAsync(string ownerId, IReadOnlyList<string> uploadIds, string parentType, string parentId, string orgId, CancellationToken cancellationToken);

    Task<IReadOnlyList<AttachmentView>> ViewAsync(IReadOnlyList<AttachmentRef> attachments, CancellationToken cancellationToken);
}
