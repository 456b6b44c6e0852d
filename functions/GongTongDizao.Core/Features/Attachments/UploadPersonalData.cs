using System.Runtime.CompilerServices;
using GongTongDizao.Core.Privacy;

namespace GongTongDizao.Core.Features.Attachments;

/// <summary>What a person uploaded, without storage locations.</summary>
public sealed record UploadExport(string UploadId, string Purpose, string ContentType, long Size, string Status, DateTimeOffset CreatedAt, string? ParentType, string? ParentId, string? ImageCheck);

/// <summary>
/// Uploads in the PIPL rights: exported as metadata; on deletion, photos never committed are deleted, and photos of
/// community records stay with their item but are marked as no longer belonging to anyone (neither exported nor
/// usable again, even if the same WeChat account registers anew and gets the same user id).
/// </summary>
public sealed class UploadPersonalData(UploadStore uploads, AttachmentBlobs blobs) : IPersonalDataSource
{
    public string Kind => "uploads";

    public async IAsyncEnumerable<object> ExportAsync(string userId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var record in uploads.ByOwnerAsync(userId, cancellationToken))
        {
            if (!record.Anonymised)
            {
                yield return new UploadExport(
                    record.Id,
                    record.Purpose,
                    record.ContentType,
                    record.Size,
                    record.Status == UploadStatus.Committed ? "committed" : "uploaded",
                    record.CreatedAt,
                    record.ParentType,
                    record.ParentId,
                    record.Check is { } check ? AttachmentRules.StatusName(check.Status) : null);
            }
        }
    }

    public async Task AnonymiseAsync(string userId, string pseudonym, CancellationToken cancellationToken)
    {
        await foreach (var record in uploads.ByOwnerAsync(userId, cancellationToken))
        {
            if (record.Status == UploadStatus.Uploaded)
            {
                await blobs.DeleteAsync(record.BlobName, cancellationToken);
                await uploads.DeleteAsync(record.OwnerId, record.Id, cancellationToken);
            }
            else if (!record.Anonymised)
            {
                await uploads.UpdateAsync(record.OwnerId, record.Id, current => current.Anonymised ? null : current with { Anonymised = true }, cancellationToken);
            }
        }
    }
}
