using Microsoft.Extensions.Logging;

namespace GongTongDizao.Core.Features.Attachments;

/// <summary>
/// Deletes uploads never committed within 24 hours: the blob and its document. In Azure the lifecycle rule also
/// deletes such blobs; this removes the documents too, and does both locally where no lifecycle rule runs.
/// </summary>
public sealed partial class UploadSweeper(UploadStore uploads, AttachmentBlobs blobs, TimeProvider time, ILogger<UploadSweeper> logger)
{
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var swept = 0;
        await foreach (var record in uploads.UncommittedBeforeAsync(time.GetUtcNow() - AttachmentRules.OrphanAge, cancellationToken))
        {
            await blobs.DeleteAsync(record.BlobName, cancellationToken);
            await uploads.DeleteAsync(record.OwnerId, record.Id, cancellationToken);
            swept++;
        }

        if (swept > 0)
        {
            LogSwept(logger, swept);
        }

        return swept;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} upload(s) never committed within 24 hours")]
    private static partial void LogSwept(ILogger logger, int count);
}
