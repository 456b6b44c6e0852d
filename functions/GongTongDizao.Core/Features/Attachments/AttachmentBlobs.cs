using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace GongTongDizao.Core.Features.Attachments;

/// <summary>What an uploaded blob really is: its size and first bytes.</summary>
public sealed record BlobFacts(long Size, byte[] Head);

/// <summary>The attachments blob container: uploads (expiring prefix) and committed photos (kept).</summary>
public sealed class AttachmentBlobs(BlobServiceClient service, SasIssuer sas)
{
    private readonly BlobContainerClient _container = service.GetBlobContainerClient(StoreNames.BlobContainers.Attachments);

    public BlobClient Blob(string name) => _container.GetBlobClient(name);

    /// <summary>Null when the blob does not exist (never uploaded, or already swept).</summary>
    public async Task<BlobFacts?> InspectAsync(string name, CancellationToken cancellationToken)
    {
        var blob = Blob(name);
        try
        {
            var properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
            if (properties.ContentLength == 0)
            {
                return new BlobFacts(0, []);
            }

            var download = await blob.DownloadContentAsync(new BlobDownloadOptions { Range = new HttpRange(0, AttachmentRules.SniffLength) }, cancellationToken);
            return new BlobFacts(properties.ContentLength, download.Value.Content.ToArray());
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>
    /// Server-side copy out of the expiring prefix. The source is read through a short read SAS so the copy is
    /// authorised the same way with an account key (locally) and with a managed identity (Azure).
    /// </summary>
    public async Task CopyAsync(string sourceName, string targetName, string contentType, CancellationToken cancellationToken)
    {
        var source = await sas.ReadAsync(Blob(sourceName), TimeSpan.FromMinutes(10), cancellationToken);
        var target = Blob(targetName);
        var copy = await target.StartCopyFromUriAsync(source.Uri, cancellationToken: cancellationToken);
        await copy.WaitForCompletionAsync(cancellationToken);
        await target.SetHttpHeadersAsync(
            new BlobHttpHeaders { ContentType = contentType, CacheControl = "private, max-age=900" },
            cancellationToken: cancellationToken);
    }

    /// <summary>A short-lived read URL of the blob (a reader's view, a moderator's preview, WeChat's image check).</summary>
    public Task<SignedBlobUri> ReadUrlAsync(string name, TimeSpan lifetime, CancellationToken cancellationToken) =>
        sas.ReadAsync(Blob(name), lifetime, cancellationToken);

    /// <summary>A short-lived write-only URL for the one blob a client uploads.</summary>
    public Task<SignedBlobUri> WriteUrlAsync(string name, TimeSpan lifetime, CancellationToken cancellationToken) =>
        sas.WriteAsync(Blob(name), lifetime, cancellationToken);

    public async Task DeleteAsync(string name, CancellationToken cancellationToken) =>
        await Blob(name).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);
}
