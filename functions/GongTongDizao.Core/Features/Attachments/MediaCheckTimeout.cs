using GongTongDizao.Core.Audit;
using GongTongDizao.Core.Timers;

namespace GongTongDizao.Core.Features.Attachments;

/// <summary>No verdict 30 minutes after commit: the photo is held for a moderator rather than left unchecked.</summary>
public sealed class MediaCheckTimeout(UploadStore uploads, AuditLog audit, TimeProvider time) : ITimerHandler
{
    public IReadOnlyCollection<string> Kinds { get; } = [AttachmentRules.TimeoutTimerKind];

    public async Task HandleAsync(TimerMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var now = time.GetUtcNow();
        var change = await uploads.UpdateAsync(
            message.PartitionKey,
            message.EntityId,
            current => current is { Status: UploadStatus.Committed, Check: { Status: MediaCheckStatus.Pending } check }
                ? current with { Check = check with { Status = MediaCheckStatus.Held, Reason = MediaCheckReasons.NoVerdict, UpdatedAt = now } }
                : null,
            cancellationToken);
        if (change is not null)
        {
            await audit.AppendAsync(AttachmentRules.AuditEntityType, message.EntityId, "attachment.media_check_held", AuditLog.SystemActor, "pending", "held", MediaCheckReasons.NoVerdict, cancellationToken);
        }
    }
}
