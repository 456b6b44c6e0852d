using Azure;
using GongTongDizao.Core.Audit;
using GongTongDizao.Core.Common;
using GongTongDizao.Core.Features.Identity;
using GongTongDizao.Core.Timers;
using GongTongDizao.WeChat;
using Microsoft.Extensions.Logging;

namespace GongTongDizao.Core.Features.Attachments;

/// <summary>
/// Commits uploads to items and gives readers short-lived URLs. A commit checks everything first and changes
/// nothing when any upload fails; the photo is then copied out of the expiring upload prefix, bound to its item
/// (ETag, so two items cannot take the same upload) and sent to WeChat's asynchronous image check.
/// </summary>
public sealed partial class Attachments(
    UploadStore uploads,
    AttachmentBlobs blobs,
    SasIssuer sas,
    UserStore users,
    WeChatClient wechat,
    TimerQueue timers,
    AuditLog audit,
    TimeProvider time,
    ILogger<Attachments> logger) : IAttachments
{
    public async Task<Result<IReadOnlyList<AttachmentRef>>> CommitAsync(string ownerId, IReadOnlyList<string> uploadIds, string parentType, string parentId, string orgId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(ownerId);
        ArgumentNullException.ThrowIfNull(uploadIds);
        ArgumentException.ThrowIfNullOrEmpty(orgId);
        if (uploadIds.Count == 0)
        {
            return Array.Empty<AttachmentRef>();
        }

        if (uploadIds.Count > AttachmentRules.MaxPerItem)
        {
            return Error.Validation("attachments", $"每条内容最多 {AttachmentRules.MaxPerItem} 张图片");
        }

        var checkedUploads = await CheckAllAsync(ownerId, uploadIds, cancellationToken);
        if (!checkedUploads.IsSuccess)
        {
            return checkedUploads.Error;
        }

        var records = checkedUploads.Value;
        var now = time.GetUtcNow();
        var targets = records.Select(r => AttachmentRules.ItemBlobName(parentType, parentId, r.Id)).ToArray();
        for (var i = 0; i < records.Count; i++)
        {
            await blobs.CopyAsync(records[i].BlobName, targets[i], records[i].ContentType, cancellationToken);
        }

        // Scheduled before the uploads are bound: if the process stops between binding and submitting to WeChat,
        // the timeout still moves the photo to a moderator instead of leaving it pending for ever.
        foreach (var record in records)
        {
            await timers.ScheduleAsync(new TimerMessage(AttachmentRules.TimeoutTimerKind, record.Id, ownerId, now + AttachmentRules.VerdictTimeout), cancellationToken);
        }

        var claimed = new List<(UploadRecord Before, UploadRecord After)>();
        for (var i = 0; i < records.Count; i++)
        {
            var committed = records[i] with
            {
                Status = UploadStatus.Committed,
                BlobName = targets[i],
                CommittedAt = now,
                ParentType = parentType,
                ParentId = parentId,
                OrgId = orgId,
                Check = new MediaCheck { Status = MediaCheckStatus.Pending, UpdatedAt = now },
            };
            if (await uploads.TryReplaceAsync(committed, cancellationToken) is { } saved)
            {
                claimed.Add((records[i], saved));
                continue;
            }

            await UndoAsync(claimed, targets, cancellationToken);
            return Error.Validation($"attachments[{i}]", $"{records[i].Id}：图片已被使用，不能重复提交");
        }

        foreach (var (before, after) in claimed)
        {
            await DeleteUploadBlobAsync(before.BlobName, cancellationToken);
            await audit.AppendAsync(AttachmentRules.AuditEntityType, after.Id, "attachment.committed", ownerId, "uploaded", "committed", $"{parentType}/{parentId}", cancellationToken);
        }

        var openId = (await users.FindAsync(ownerId, cancellationToken))?.OpenId;
        var scene = parentType == "comment" ? ContentCheckScene.Comment : ContentCheckScene.Forum;
        foreach (var (_, after) in claimed)
        {
            await SubmitCheckAsync(after, openId, scene, cancellationToken);
        }

        return claimed.Select(c => new AttachmentRef(c.After.Id, c.After.ContentType, c.After.Size) { OwnerId = ownerId }).ToArray();
    }

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
                views.Add(new AttachmentView(attachment.UploadId, null, null, StatusName(MediaCheckStatus.Rejected)));
                continue;
            }

            var status = record.Check?.Status ?? MediaCheckStatus.Pending;
            if (!record.IsVisible)
            {
                views.Add(new AttachmentView(record.Id, null, null, StatusName(status)));
                continue;
            }

            var signed = await sas.ReadAsync(blobs.Blob(record.BlobName), AttachmentRules.ReadSasLifetime, cancellationToken);
            views.Add(new AttachmentView(record.Id, signed.Uri, signed.ExpiresAt, StatusName(status)));
        }

        return views;
    }

    public static string StatusName(MediaCheckStatus status) => status switch
    {
        MediaCheckStatus.Pending => "pending",
        MediaCheckStatus.Passed => "passed",
        MediaCheckStatus.Held => "held",
        _ => "rejected",
    };

    private async Task<Result<IReadOnlyList<UploadRecord>>> CheckAllAsync(string ownerId, IReadOnlyList<string> uploadIds, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var records = new List<UploadRecord>(uploadIds.Count);
        for (var i = 0; i < uploadIds.Count; i++)
        {
            var id = uploadIds[i] ?? string.Empty;
            var problem = await ProblemOfAsync(ownerId, id, uploadIds.Take(i).Contains(id, StringComparer.Ordinal), records, cancellationToken);
            if (problem is not null)
            {
                errors[$"attachments[{i}]"] = [$"{id}：{problem}"];
            }
        }

        return errors.Count > 0 ? Error.Validation(errors) : records;
    }

    private async Task<string?> ProblemOfAsync(string ownerId, string id, bool duplicate, List<UploadRecord> records, CancellationToken cancellationToken)
    {
        if (duplicate)
        {
            return "同一张图片不能重复添加";
        }

        // Someone else's upload is simply not in the caller's partition: "not found" reveals nothing about it.
        var record = AttachmentRules.IsUploadId(id) ? await uploads.FindAsync(ownerId, id, cancellationToken) : null;
        if (record is null || record.Anonymised)
        {
            return "图片不存在或不属于你";
        }

        if (record.Status == UploadStatus.Committed)
        {
            return "图片已被使用，不能重复提交";
        }

        var facts = await blobs.InspectAsync(record.BlobName, cancellationToken);
        if (facts is null)
        {
            return "图片尚未上传完成，请重新上传";
        }

        if (facts.Size != record.Size)
        {
            return $"图片大小（{facts.Size} 字节）与申报的 {record.Size} 字节不一致";
        }

        if (!AttachmentRules.LooksLike(record.ContentType, facts.Head))
        {
            return $"文件内容不是 {AttachmentRules.ContentTypeNames[record.ContentType]} 图片";
        }

        records.Add(record);
        return null;
    }

    /// <summary>Another item took one of the uploads meanwhile: give back what this commit bound and copied.</summary>
    private async Task UndoAsync(List<(UploadRecord Before, UploadRecord After)> claimed, string[] targets, CancellationToken cancellationToken)
    {
        foreach (var (before, after) in claimed)
        {
            await uploads.TryReplaceAsync(before with { ETag = after.ETag }, cancellationToken);
        }

        foreach (var target in targets)
        {
            await blobs.DeleteAsync(target, cancellationToken);
        }
    }

    private async Task DeleteUploadBlobAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await blobs.DeleteAsync(name, cancellationToken);
        }
        catch (RequestFailedException ex)
        {
            // The copy is committed; a leftover under the upload prefix is removed by the lifecycle rule within a day.
            LogUploadBlobKept(logger, name, ex.Status);
        }
    }

    private async Task SubmitCheckAsync(UploadRecord record, string? openId, ContentCheckScene scene, CancellationToken cancellationToken)
    {
        string? traceId = null;
        if (openId is not null)
        {
            try
            {
                var url = await sas.ReadAsync(blobs.Blob(record.BlobName), AttachmentRules.MediaCheckSasLifetime, cancellationToken);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upload blob {BlobName} could not be deleted after commit (status {Status}); the lifecycle rule removes it")]
    private static partial void LogUploadBlobKept(ILogger logger, string blobName, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Image check of upload {UploadId} could not be submitted ({ExceptionType}, errcode {ErrCode}): held for review")]
    private static partial void LogSubmitFailed(ILogger logger, string uploadId, string exceptionType, int? errCode);
}
