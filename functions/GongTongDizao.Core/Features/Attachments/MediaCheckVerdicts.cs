using GongTongDizao.Core.Audit;
using GongTongDizao.WeChat;
using Microsoft.Extensions.Logging;

namespace GongTongDizao.Core.Features.Attachments;

/// <summary>
/// Applies <c>wxa_media_check</c> verdicts, found by trace_id: pass → passed; risky → rejected (hidden from readers,
/// moderators alerted); review or no verdict (-1008, download failed) → held for a moderator. Repeats are harmless,
/// and once a moderator has decided, WeChat no longer changes the photo.
/// </summary>
public sealed partial class MediaCheckVerdicts(UploadStore uploads, AuditLog audit, TimeProvider time, ILogger<MediaCheckVerdicts> logger) : IMediaCheckVerdictHandler
{
    public async Task HandleAsync(MediaCheckEvent verdict, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        if (await uploads.FindTraceAsync(verdict.TraceId, cancellationToken) is not { } link)
        {
            // A fast verdict can overtake the commit that records its trace id: refuse it, so the push endpoint
            // answers an error and WeChat delivers it again (three times); the timeout holds the photo otherwise.
            LogUnknownTrace(logger, verdict.TraceId);
            throw new UnknownMediaCheckTraceException(verdict.TraceId);
        }

        var (status, reason) = verdict.ErrCode != 0 ? (MediaCheckStatus.Held, MediaCheckReasons.DownloadFailed)
            : verdict.Suggest switch
            {
                ContentSuggest.Pass => (MediaCheckStatus.Passed, (string?)null),
                ContentSuggest.Risky => (MediaCheckStatus.Rejected, MediaCheckReasons.Risky),
                _ => (MediaCheckStatus.Held, MediaCheckReasons.Review),
            };
        var now = time.GetUtcNow();
        var change = await uploads.UpdateAsync(
            link.OwnerId,
            link.UploadId,
            current => current.Check is not { } check
                || check.DecidedBy is not null
                || (check.TraceId is not null && check.TraceId != verdict.TraceId)
                || check.Status == status
                    ? null
                    : current with { Check = check with { Status = status, Reason = reason, TraceId = verdict.TraceId, UpdatedAt = now } },
            cancellationToken);
        if (change is not { } applied)
        {
            return;
        }

        var from = AttachmentRules.StatusName(applied.Before.Check!.Status);
        var to = AttachmentRules.StatusName(status);
        await audit.AppendAsync(AttachmentRules.AuditEntityType, link.UploadId, "attachment.media_check_" + to, AuditLog.SystemActor, from, to, reason, cancellationToken);
        if (status == MediaCheckStatus.Rejected)
        {
            // Alerts fire on this warning (Application Insights); the photo is already hidden from readers.
            LogMediaRejected(logger, link.UploadId, applied.After.ParentType, applied.After.ParentId, applied.After.OrgId, verdict.Label);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, EventName = "MediaRejected", Message = "MediaRejected: upload {UploadId} of {ParentType}/{ParentId} in org {OrgId} rejected by WeChat's image check (label {Label}) and hidden")]
    private static partial void LogMediaRejected(ILogger logger, string uploadId, string? parentType, string? parentId, string? orgId, int label);

    [LoggerMessage(Level = LogLevel.Information, Message = "Media-check verdict for unknown trace_id {TraceId}: refused for a later retry")]
    private static partial void LogUnknownTrace(ILogger logger, string traceId);
}
