using System.Net;
using System.Net.Http.Headers;
using System.Web;
using Azure.Storage.Blobs;
using GongTongDizao.Core.Features.Attachments;
using GongTongDizao.Core.Tests.Handlers;
using Microsoft.Extensions.Time.Testing;

namespace GongTongDizao.Core.Tests.Attachments;

/// <summary>Against the Azurite the handler tests start (the LocalStack__* ports, the well-known development account key).</summary>
[Collection(HandlersCollection.Name)]
public sealed class SasIssuerTests(HandlerFixture fixture) : IAsyncLifetime, IDisposable
{
    private static readonly byte[] s_jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00];

    private readonly BlobServiceClient _service = new(fixture.StorageConnectionString);
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly HttpClient _http = new();

    public async Task InitializeAsync() => await _service.GetBlobContainerClient(StoreNames.BlobContainers.Attachments).CreateIfNotExistsAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task A_write_sas_puts_one_blob_and_can_neither_read_nor_delete()
    {
        using var sas = new SasIssuer(_service, _time);
        var blob = Blob();

        var write = await sas.WriteAsync(blob, AttachmentRules.UploadSasLifetime, CancellationToken.None);
        var put = await PutAsync(write.Uri);
        var get = await _http.GetAsync(write.Uri);
        var delete = await _http.DeleteAsync(write.Uri);

        Assert.Equal(HttpStatusCode.Created, put);
        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        Assert.Equal("cw", HttpUtility.ParseQueryString(write.Uri.Query)["sp"]);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromMinutes(10), write.ExpiresAt);
        Assert.Equal(s_jpeg.Length, (await blob.GetPropertiesAsync()).Value.ContentLength);
    }

    [Fact]
    public async Task A_write_sas_signs_only_its_own_blob()
    {
        using var sas = new SasIssuer(_service, _time);
        var write = await sas.WriteAsync(Blob(), AttachmentRules.UploadSasLifetime, CancellationToken.None);
        var other = new UriBuilder(write.Uri) { Path = write.Uri.AbsolutePath[..write.Uri.AbsolutePath.LastIndexOf('/')] + "/" + Guid.NewGuid().ToString("N") }.Uri;

        Assert.Equal(HttpStatusCode.Forbidden, await PutAsync(other));
    }

    [Fact]
    public async Task An_expired_write_sas_is_refused_by_storage()
    {
        // Issued 11 minutes ago: the 10-minute SAS expired a minute ago.
        var past = new FakeTimeProvider(DateTimeOffset.UtcNow - TimeSpan.FromMinutes(11));
        using var sas = new SasIssuer(_service, past);
        var blob = Blob();

        var write = await sas.WriteAsync(blob, AttachmentRules.UploadSasLifetime, CancellationToken.None);

        Assert.Equal(HttpStatusCode.Forbidden, await PutAsync(write.Uri));
        Assert.False((await blob.ExistsAsync()).Value);
    }

    [Fact]
    public async Task A_read_sas_reads_only_and_expires()
    {
        var blob = Blob();
        await blob.UploadAsync(BinaryData.FromBytes(s_jpeg));
        using var sas = new SasIssuer(_service, _time);
        using var stale = new SasIssuer(_service, new FakeTimeProvider(DateTimeOffset.UtcNow - TimeSpan.FromMinutes(16)));

        var read = await sas.ReadAsync(blob, AttachmentRules.ReadSasLifetime, CancellationToken.None);
        var expired = await stale.ReadAsync(blob, AttachmentRules.ReadSasLifetime, CancellationToken.None);
        var body = await _http.GetByteArrayAsync(read.Uri);
        var overwrite = await PutAsync(read.Uri);
        var delete = await _http.DeleteAsync(read.Uri);
        var late = await _http.GetAsync(expired.Uri);

        Assert.Equal(s_jpeg, body);
        Assert.Equal("r", HttpUtility.ParseQueryString(read.Uri.Query)["sp"]);
        Assert.Equal(HttpStatusCode.Forbidden, overwrite);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, late.StatusCode);
        Assert.True((await blob.ExistsAsync()).Value);
    }

    private BlobClient Blob() => _service.GetBlobContainerClient(StoreNames.BlobContainers.Attachments)
        .GetBlobClient(AttachmentRules.UploadBlobName("sas-test", Guid.NewGuid().ToString("N")));

    private async Task<HttpStatusCode> PutAsync(Uri uri)
    {
        using var content = new ByteArrayContent(s_jpeg);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        using var request = new HttpRequestMessage(HttpMethod.Put, uri) { Content = content };
        request.Headers.Add("x-ms-blob-type", "BlockBlob");
        using var response = await _http.SendAsync(request);
        return response.StatusCode;
    }
}
