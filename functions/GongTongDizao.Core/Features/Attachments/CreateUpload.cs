namespace GongTongDizao.Core.Features.Attachments;

public sealed record CreateUploadRequest(string Purpose, string ContentType, long Size);

/// <summary>Where and how the mini-program PUTs the bytes: <c>wx.request</c> with these headers and the file as an ArrayBuffer.</summary>
public sealed record UploadTicket(string UploadId, Uri Url, string Method, IReadOnlyDictionary<string, string> Headers, DateTimeOffset ExpiresAt);

public sealed class CreateUploadValidator : AbstractValidator<CreateUploadRequest>
{
    public CreateUploadValidator()
    {
        RuleFor(r => r.Purpose).NotEmpty().Must(p => p is null || AttachmentRules.Purposes.Contains(p))
            .WithMessage("用途须是 letter、topic、comment 或 progress 之一");
        RuleFor(r => r.ContentType).NotEmpty().Must(t => t is null || AttachmentRules.ContentTypeNames.ContainsKey(t))
            .WithMessage("只支持 JPEG、PNG 或 WebP 图片（image/jpeg、image/png、image/webp）");
        RuleFor(r => r.Size).InclusiveBetween(1, AttachmentRules.MaxBytes).WithMessage("图片大小须在 1 字节到 10 MB 之间");
    }
}

/// <summary>
/// Issues a write-only SAS for one new blob under the caller's upload prefix, valid 10 minutes, and records what was
/// declared; the photo is only checked and bound to an item when that item is submitted (<see cref="IAttachments.CommitAsync"/>).
/// </summary>
public sealed class CreateUpload(UploadStore uploads, AttachmentBlobs blobs, TimeProvider time)
{
    public async Task<Result<Created>> HandleAsync(Caller caller, CreateUploadRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var now = time.GetUtcNow();
        if (await uploads.CountPendingAsync(caller.Id, now - AttachmentRules.OrphanAge, cancellationToken) >= AttachmentRules.MaxPendingPerOwner)
        {
            return Error.From(ErrorCodes.RateLimited, "未使用的图片过多，请先提交或稍后再试") with { RetryAfter = TimeSpan.FromHours(1) };
        }

        var uploadId = Guid.NewGuid().ToString("N");
        var blobName = AttachmentRules.UploadBlobName(caller.Id, uploadId);
        await uploads.CreateAsync(
            new UploadRecord
            {
                Id = uploadId,
                OwnerId = caller.Id,
                Purpose = request.Purpose,
                ContentType = request.ContentType,
                Size = request.Size,
                Status = UploadStatus.Uploaded,
                BlobName = blobName,
                CreatedAt = now,
            },
            cancellationToken);

        var signed = await blobs.WriteUrlAsync(blobName, AttachmentRules.UploadSasLifetime, cancellationToken);
        var headers = new Dictionary<string, string>
        {
            ["x-ms-blob-type"] = "BlockBlob",
            ["Content-Type"] = request.ContentType,
        };
        return new Created(new UploadTicket(uploadId, signed.Uri, "PUT", headers, signed.ExpiresAt));
    }
}
