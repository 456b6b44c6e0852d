using System.Net;
using Azure.Storage.Blobs;
using GongTongDizao.Core.Common;
using GongTongDizao.Core.Features.Attachments;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.EndToEnd.Tests.Attachments;

[Collection(AttachmentsCollection.Name)]
public sealed class UploadTests(AttachmentsFixture host)
{
    private const string DemoCommunity = "420106001001";

    [Fact]
    public async Task A_photo_put_through_the_issued_sas_is_committed_out_of_the_expiring_prefix_and_readable_by_a_read_url()
    {
        var (token, userId) = await host.NewResidentAsync();
        var (status, ticket) = await host.RequestUploadAsync(token, "image/jpeg", AttachmentsFixture.Jpeg.Length);
        var uploadId = ticket.GetProperty("uploadId").GetString()!;
        var put = await AttachmentsFixture.PutAsync(ticket, AttachmentsFixture.Jpeg);
        var parentId = "pass-" + Guid.NewGuid().ToString("N")[..8];

        var committed = await host.Attachments.CommitAsync(userId, [uploadId], "letter", parentId, DemoCommunity, CancellationToken.None);
        var record = await host.Uploads.FindAsync(userId, uploadId, CancellationToken.None);
        var view = Assert.Single(await host.Attachments.ViewAsync(committed.Value!, CancellationToken.None));
        using var http = new HttpClient();
        using var read = await http.GetAsync(view.Url);
        var container = host.Services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient("attachments");

        Assert.Equal(201, status);
        Assert.Equal("PUT", ticket.GetProperty("method").GetString());
        Assert.Equal("BlockBlob", ticket.GetProperty("headers").GetProperty("x-ms-blob-type").GetString());
        Assert.Equal("image/jpeg", ticket.GetProperty("headers").GetProperty("Content-Type").GetString());
        Assert.Contains($"/attachments/uploads/{userId}/{uploadId}", ticket.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.InRange(ticket.GetProperty("expiresAt").GetDateTimeOffset() - host.Time.GetUtcNow(), TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10.1));
        Assert.Equal(201, put);
        Assert.True(committed.IsSuccess);
        Assert.Equal(new AttachmentRef(uploadId, "image/jpeg", AttachmentsFixture.Jpeg.Length) { OwnerId = userId }, Assert.Single(committed.Value));
        Assert.Equal(UploadStatus.Committed, record!.Status);
        Assert.Equal($"items/letter/{parentId}/{uploadId}", record.BlobName);
        Assert.Equal(DemoCommunity, record.OrgId);
        Assert.False((await container.GetBlobClient($"uploads/{userId}/{uploadId}").ExistsAsync()).Value);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(AttachmentsFixture.Jpeg, await read.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/jpeg", read.Content.Headers.ContentType?.MediaType);
        Assert.InRange(view.ExpiresAt!.Value - host.Time.GetUtcNow(), TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15.1));
        Assert.NotNull(record.Check?.TraceId);
    }

    [Fact]
    public async Task The_upload_sas_cannot_read_back_what_it_wrote()
    {
        var (token, _) = await host.NewResidentAsync();
        var (_, ticket) = await host.RequestUploadAsync(token, "image/png", AttachmentsFixture.Png.Length);
        await AttachmentsFixture.PutAsync(ticket, AttachmentsFixture.Png);
        using var http = new HttpClient();

        using var get = await http.GetAsync(new Uri(ticket.GetProperty("url").GetString()!));

        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
    }

    [Theory]
    [InlineData("image/gif", 1000L, "contentType")]
    [InlineData("image/jpeg", 10L * 1024 * 1024 + 1, "size")]
    [InlineData("image/jpeg", 0L, "size")]
    public async Task Unsupported_types_and_oversize_are_refused_before_any_sas_is_issued(string contentType, long size, string field)
    {
        var (token, _) = await host.NewResidentAsync();

        var (status, problem) = await host.RequestUploadAsync(token, contentType, size);

        Assert.Equal(400, status);
        Assert.Equal(ErrorCodes.ValidationFailed, problem.GetProperty("code").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Asking_for_an_upload_needs_a_login()
    {
        var (status, _) = await host.SendAsync(HttpMethod.Post, "api/uploads", body: new { purpose = "letter", contentType = "image/jpeg", size = 10 });

        Assert.Equal(401, status);
    }

    [Fact]
    public async Task A_non_image_declared_as_jpeg_is_rejected_naming_the_upload()
    {
        var (token, userId) = await host.NewResidentAsync();
        var text = "<html><body>这不是图片</body></html>"u8.ToArray();
        var uploadId = await host.UploadAsync(token, text, "image/jpeg");

        var result = await host.Attachments.CommitAsync(userId, [uploadId], "letter", "L-" + uploadId, DemoCommunity, CancellationToken.None);

        AssertRejected(result, 0, uploadId, "JPEG");
        Assert.Equal(UploadStatus.Uploaded, (await host.Uploads.FindAsync(userId, uploadId, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task More_bytes_than_declared_are_rejected()
    {
        var (token, userId) = await host.NewResidentAsync();
        var oversized = AttachmentsFixture.Jpeg.Concat(new byte[4096]).ToArray();
        var uploadId = await host.UploadAsync(token, oversized, "image/jpeg", declaredSize: AttachmentsFixture.Jpeg.Length);

        var result = await host.Attachments.CommitAsync(userId, [uploadId], "letter", "L-" + uploadId, DemoCommunity, CancellationToken.None);

        AssertRejected(result, 0, uploadId, "不一致");
    }

    [Fact]
    public async Task Someone_elses_upload_is_rejected()
    {
        var (ownerToken, _) = await host.NewResidentAsync();
        var (_, otherId) = await host.NewResidentAsync();
        var uploadId = await host.UploadAsync(ownerToken, AttachmentsFixture.Jpeg);

        var result = await host.Attachments.CommitAsync(otherId, [uploadId], "letter", "L-" + uploadId, DemoCommunity, CancellationToken.None);

        AssertRejected(result, 0, uploadId, "不属于你");
    }

    [Fact]
    public async Task An_upload_cannot_be_committed_twice()
    {
        var (token, userId) = await host.NewResidentAsync();
        var uploadId = await host.UploadAsync(token, AttachmentsFixture.Jpeg);
        var first = await host.Attachments.CommitAsync(userId, [uploadId], "topic", "T1-" + uploadId, DemoCommunity, CancellationToken.None);

        var again = await host.Attachments.CommitAsync(userId, [uploadId], "topic", "T2-" + uploadId, DemoCommunity, CancellationToken.None);

        Assert.True(first.IsSuccess);
        AssertRejected(again, 0, uploadId, "已被使用");
        Assert.Equal($"items/topic/T1-{uploadId}/{uploadId}", (await host.Uploads.FindAsync(userId, uploadId, CancellationToken.None))!.BlobName);
    }

    [Fact]
    public async Task Nothing_is_committed_when_one_upload_fails_and_each_failure_names_its_upload()
    {
        var (token, userId) = await host.NewResidentAsync();
        var good = await host.UploadAsync(token, AttachmentsFixture.Png, "image/png");
        var (_, neverPut) = await host.RequestUploadAsync(token, "image/jpeg", 100);
        var missing = neverPut.GetProperty("uploadId").GetString()!;

        var failed = await host.Attachments.CommitAsync(userId, [good, missing, good, "not-an-upload"], "letter", "L-" + good, DemoCommunity, CancellationToken.None);
        var afterwards = await host.Uploads.FindAsync(userId, good, CancellationToken.None);
        var retried = await host.Attachments.CommitAsync(userId, [good], "letter", "L-" + good, DemoCommunity, CancellationToken.None);

        Assert.Equal(ErrorCodes.ValidationFailed, failed.Error?.Code);
        Assert.Equal(["attachments[1]", "attachments[2]", "attachments[3]"], failed.Error!.Errors!.Keys.Order(StringComparer.Ordinal));
        Assert.Contains(missing, failed.Error.Errors["attachments[1]"][0], StringComparison.Ordinal);
        Assert.Contains("尚未上传", failed.Error.Errors["attachments[1]"][0], StringComparison.Ordinal);
        Assert.Contains("not-an-upload", failed.Error.Errors["attachments[3]"][0], StringComparison.Ordinal);
        Assert.Equal(UploadStatus.Uploaded, afterwards!.Status);
        Assert.True(retried.IsSuccess);
    }

    [Fact]
    public async Task At_most_nine_photos_per_item()
    {
        var (_, userId) = await host.NewResidentAsync();
        var ids = Enumerable.Range(0, 10).Select(_ => Guid.NewGuid().ToString("N")).ToArray();

        var result = await host.Attachments.CommitAsync(userId, ids, "letter", "L-ten", DemoCommunity, CancellationToken.None);

        Assert.Equal(ErrorCodes.ValidationFailed, result.Error?.Code);
        Assert.True(result.Error!.Errors!.ContainsKey("attachments"));
    }

    [Fact]
    public async Task Exported_personal_data_lists_uploads_and_deletion_removes_uncommitted_ones()
    {
        var code = $"dev-{Guid.NewGuid():N}";
        var token = await host.LoginAsync(code);
        var (_, me) = await host.SendAsync(HttpMethod.Get, "api/me", token);
        var userId = me.GetProperty("id").GetString()!;
        var kept = await host.UploadAsync(token, AttachmentsFixture.Jpeg);
        var dropped = await host.UploadAsync(token, AttachmentsFixture.Png, "image/png");
        var committed = await host.Attachments.CommitAsync(userId, [kept], "letter", "L-" + kept, DemoCommunity, CancellationToken.None);
        var droppedBlob = (await host.Uploads.FindAsync(userId, dropped, CancellationToken.None))!.BlobName;

        var (_, export) = await host.SendAsync(HttpMethod.Get, "api/me/export", token);
        var (deleted, _) = await host.SendAsync(HttpMethod.Delete, "api/me", token);
        var container = host.Services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient("attachments");

        var exported = export.GetProperty("records").GetProperty("uploads").EnumerateArray().Select(u => u.GetProperty("uploadId").GetString()).ToList();
        Assert.Contains(kept, exported);
        Assert.Contains(dropped, exported);
        Assert.Equal(204, deleted);
        Assert.Null(await host.Uploads.FindAsync(userId, dropped, CancellationToken.None));
        Assert.False((await container.GetBlobClient(droppedBlob).ExistsAsync()).Value);
        Assert.True((await host.Uploads.FindAsync(userId, kept, CancellationToken.None))!.Anonymised);
        Assert.NotNull(Assert.Single(await host.Attachments.ViewAsync(committed.Value!, CancellationToken.None)).Url);
    }

    private static void AssertRejected(Result<IReadOnlyList<AttachmentRef>> result, int index, string uploadId, string why)
    {
        Assert.False(result.IsSuccess);
        Assert.Equal(ErrorCodes.ValidationFailed, result.Error.Code);
        var message = Assert.Single(result.Error.Errors![$"attachments[{index}]"]);
        Assert.Contains(uploadId, message, StringComparison.Ordinal);
        Assert.Contains(why, message, StringComparison.Ordinal);
    }
}
