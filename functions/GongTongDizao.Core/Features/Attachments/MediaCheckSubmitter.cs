using GongTongDizao.Core.Audit;
using GongTongDizao.WeChat;
using Microsoft.Extensions.Logging;

namespace GongTongDizao.Core.Features.Attachments;

/// <summary>Hands committed photos to WeChat's image check, or holds them for a moderator when WeChat is unavailable.</summary>
public sealed partial class MediaCheckSubmitter(AttachmentBlobs blobs, WeChatClient wechat, UploadStore uploads, AuditLog audit, TimeProvider time, ILogger<MediaCheckSubmitter> logger)
{
    /// <summary>
    /// Submits a committed photo to WeChat's asynchronous image check (the verdict arrives by push); when WeChat cannot
    /// take it, or the owner has no openid, the photo is held for a moderator instead of staying pending.
    /// </summary>
    public async Task SubmitAsync(UploadRecord record, string? openId, ContentCheckScene scene, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        string? traceId = null;
        if (openId is not null)
        {
            try
            {
                var url = await blobs.ReadUrlAsync(record.BlobName, AttachmentRules.MediaCheckSasLifetime, cancellationToken);
                traceId = await wechat.SubmitMediaCheckAsync(new MediaCheckRequest(url.Uri, openId, scene), cancellationToken);
                await uploads.LinkTraceAsync(traceId, record.OwnerId, record.Id, cancellationToken);
            }
            catch (Exception ex) when (WeChatUnavailable.Is(ex, cancellationToken))
            {
                LogSubmitFailed(logger, record.Id, ex.GetType().Name, (ex as WeChatApiException)?.ErrCode);
                traceId = null;
            }
        }

        var now = time.GetUtcNow();
        var update = await uploads.UpdateAsync(
            record.OwnerId,
            record.Id,
            current => current.Check is not { Status: MediaCheckStatus.Pending, TraceId: null } ? null
                : traceId is not null ? current with { Check = current.Check with { TraceId = traceId, UpdatedAt = now } }
                : current with { Check = current.Check with { Status = MediaCheckStatus.Held, Reason = MediaCheckReasons.WeChatUnavailable, UpdatedAt = now } },
            cancellationToken);
        if (traceId is null && update is not null)
        {
            await audit.AppendAsync(AttachmentRules.AuditEntityType, record.Id, "attachment.held", AuditLog.SystemActor, "pending", "held", MediaCheckReasons.WeChatUnavailable, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Image check of upload {UploadId} could not be submitted ({ExceptionType}, errcode {ErrCode}): held for review")]
    private static partial void LogSubmitFailed(ILogger logger, string uploadId, string exceptionType, int? errCode);
}
