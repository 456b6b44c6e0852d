using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;

namespace GongTongDizao.Core.Features.Attachments;

/// <summary>A SAS URL for one blob and when it stops working.</summary>
public sealed record SignedBlobUri(Uri Uri, DateTimeOffset ExpiresAt);

/// <summary>
/// Signs SAS URLs for single blobs. In Azure the storage account has shared keys disabled, so the SAS is a
/// user-delegation SAS signed with a key obtained by the managed identity (cached, renewed well before it expires);
/// locally Azurite's account key signs it. Which one is decided by whether the client holds a key.
/// </summary>
public sealed class SasIssuer(BlobServiceClient service, TimeProvider time) : IDisposable
{
    /// <summary>Tolerates clocks a few minutes apart between us, Azure Storage and the phone.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan s_keyLifetime = TimeSpan.FromDays(1);

    /// <summary>A SAS cannot outlive its delegation key: renew while the key still covers the longest SAS we sign plus this.</summary>
    private static readonly TimeSpan s_keyRenewMargin = TimeSpan.FromHours(1);

    private readonly SemaphoreSlim _keyGate = new(1, 1);
    private UserDelegationKey? _key;

    /// <summary>Create + write only: the holder can put this one blob and can neither read, list nor delete anything.</summary>
    public Task<SignedBlobUri> WriteAsync(BlobClient blob, TimeSpan lifetime, CancellationToken cancellationToken) =>
        SignAsync(blob, BlobSasPermissions.Create | BlobSasPermissions.Write, lifetime, cancellationToken);

    public Task<SignedBlobUri> ReadAsync(BlobClient blob, TimeSpan lifetime, CancellationToken cancellationToken) =>
        SignAsync(blob, BlobSasPermissions.Read, lifetime, cancellationToken);

    public void Dispose() => _keyGate.Dispose();

    private async Task<SignedBlobUri> SignAsync(BlobClient blob, BlobSasPermissions permissions, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        var now = time.GetUtcNow();
        var expiresAt = now + lifetime;
        var builder = new BlobSasBuilder
        {
            BlobContainerName = blob.BlobContainerName,
            BlobName = blob.Name,
            Resource = "b",
            StartsOn = now - ClockSkew,
            ExpiresOn = expiresAt,
            // HTTPS only wherever storage speaks it; the local emulator is plain HTTP on loopback.
            Protocol = blob.Uri.Scheme == Uri.UriSchemeHttps ? SasProtocol.Https : SasProtocol.HttpsAndHttp,
        };
        builder.SetPermissions(permissions);
        if (blob.CanGenerateSasUri)
        {
            return new SignedBlobUri(blob.GenerateSasUri(builder), expiresAt);
        }

        var key = await DelegationKeyAsync(now, expiresAt, cancellationToken);
        var sas = builder.ToSasQueryParameters(key, service.AccountName);
        return new SignedBlobUri(new BlobUriBuilder(blob.Uri) { Sas = sas }.ToUri(), expiresAt);
    }

    private async Task<UserDelegationKey> DelegationKeyAsync(DateTimeOffset now, DateTimeOffset neededUntil, CancellationToken cancellationToken)
    {
        if (_key is { } cached && cached.SignedExpiresOn >= neededUntil + s_keyRenewMargin)
        {
            return cached;
        }

        await _keyGate.WaitAsync(cancellationToken);
        try
        {
            if (_key is { } fresh && fresh.SignedExpiresOn >= neededUntil + s_keyRenewMargin)
            {
                return fresh;
            }

            _key = (await service.GetUserDelegationKeyAsync(now - ClockSkew, now + s_keyLifetime, cancellationToken)).Value;
            return _key;
        }
        finally
        {
            _keyGate.Release();
        }
    }
}
