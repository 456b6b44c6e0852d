namespace GongTongDizao.Core.Features.Attachments;

/// <summary>Photos as a reader gets them: a short-lived read URL for a visible photo, the image-check status for every one.</summary>
public sealed class AttachmentReader(UploadStore uploads, AttachmentBlobs blobs)
{
    public async Task<IReadOnlyList<AttachmentView>> ViewAsync(IReadOnlyList<AttachmentRef> attachments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attachments);
        var found = new Dictionary<string, UploadRecord>(StringComparer.Ordinal);
        foreach (var group in attachments.GroupBy(a => a.OwnerId))
        {
            if (group.Key is { } ownerId)
            {
                await foreach (var record in uploads.FindManyAsync(ownerId, [.. group.Select(a => a.UploadId)], cancellationToken))
                {
                    found[record.Id] = record;
                }
            }
            else
            {
                foreach (var attachment in group)
                {
                    if (await uploads.FindByIdAsync(attachment.UploadId, cancellationToken) is { } record)
                    {
                        found[record.Id] = record;
                    }
                }
            }
        }

        var views = new List<AttachmentView>(attachments.Count);
        foreach (var attachment in attachments)
        {
            if (!found.TryGetValue(attachment.UploadId, out var record) || record.Status != UploadStatus.Committed)
            {
                views.Add(new AttachmentView(attachment.UploadId, null, null, AttachmentRules.StatusName(MediaCheckStatus.Rejected)));
                continue;
            }

            var status = record.Check?.Status ?? MediaCheckStatus.Pending;
            if (!record.IsVisible)
            {
                views.Add(new AttachmentView(record.Id, null, null, AttachmentRules.StatusName(status)));
                continue;
            }

            var signed = await blobs.ReadUrlAsync(record.BlobName, AttachmentRules.ReadSasLifetime, cancellationToken);
            views.Add(new AttachmentView(record.Id, signed.Uri, signed.ExpiresAt, AttachmentRules.StatusName(status)));
        }

        return views;
    }
}
