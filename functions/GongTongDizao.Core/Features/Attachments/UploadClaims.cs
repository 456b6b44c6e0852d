using Azure;
using GongTongDizao.Core.Audit;
using Microsoft.Extensions.Logging;

namespace GongTongDizao.Core.Features.Attachments;

/// <summary>
/// Turns uploads into an item's photos: checks them all first, copies each out of the expiring upload prefix, binds
/// it to the item under its ETag (so two items cannot take the same upload; the loser gives back what it took), then
/// removes the originals and audits the commit.
/// </summary>
public sealed partial class UploadClaims(UploadStore uploads, AttachmentBlobs blobs, AuditLog audit, ILogger<UploadClaims> logger)
{
    /// <summary>
    /// Checks every upload before anything changes: the caller's, not yet used, uploaded in full, of the declared size
    /// and really the declared image type. Any problem is a validation error naming the upload.
    /// </summary>
    public async Task<Result<IReadOnlyList<UploadRecord>>> CheckAllAsync(string ownerId, IReadOnlyList<string> uploadIds, CancellationToken cancellationToken)
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

    /// <summary>Copies each photo to the item's blob name; the targets, in the order of <paramref name="records"/>.</summary>
    public async Task<string[]> CopyAsync(IReadOnlyList<UploadRecord> records, string parentType, string parentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var targets = records.Select(r => AttachmentRules.ItemBlobName(parentType, parentId, r.Id)).ToArray();
        for (var i = 0; i < records.Count; i++)
        {
            await blobs.CopyAsync(records[i].BlobName, targets[i], records[i].ContentType, cancellationToken);
        }

        return targets;
    }

    /// <summary>Binds each upload to the item; when another item took one meanwhile, gives back what this bound and copied.</summary>
    public async Task<Result<IReadOnlyList<(UploadRecord Before, UploadRecord After)>>> BindAsync(
        IReadOnlyList<UploadRecord> records, string[] targets, (string Type, string Id, string OrgId) parent, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(targets);
        var claimed = new List<(UploadRecord Before, UploadRecord After)>();
        for (var i = 0; i < records.Count; i++)
        {
            var committed = records[i] with
            {
                Status = UploadStatus.Committed,
                BlobName = targets[i],
                CommittedAt = now,
                ParentType = parent.Type,
                ParentId = parent.Id,
                OrgId = parent.OrgId,
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

        return claimed;
    }

    /// <summary>Removes the bound uploads' originals and audits each commit.</summary>
    public async Task FinishAsync(IReadOnlyList<(UploadRecord Before, UploadRecord After)> claimed, string ownerId, string parentType, string parentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        foreach (var (before, after) in claimed)
        {
            await DeleteUploadBlobAsync(before.BlobName, cancellationToken);
            await audit.AppendAsync(AttachmentRules.AuditEntityType, after.Id, "attachment.committed", ownerId, "uploaded", "committed", $"{parentType}/{parentId}", cancellationToken);
        }
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upload blob {BlobName} could not be deleted after commit (status {Status}); the lifecycle rule removes it")]
    private static partial void LogUploadBlobKept(ILogger logger, string blobName, int status);
}
