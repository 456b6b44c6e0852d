using System.Collections.Frozen;

namespace GongTongDizao.Core.Features.Attachments;

/// <summary>The limits and names of photo uploads, in one place for the handlers, the contract and the tests.</summary>
public static class AttachmentRules
{
    public const long MaxBytes = 10 * 1024 * 1024;

    /// <summary>The mini-program's image picker (wx.chooseMedia) picks at most nine.</summary>
    public const int MaxPerItem = 9;

    /// <summary>Uncommitted uploads a person may hold within <see cref="OrphanAge"/>: enough for a few drafts, not a free file store.</summary>
    public const int MaxPendingPerOwner = 100;

    public const string TimeoutTimerKind = "attachment.media_check_timeout";

    public const string AuditEntityType = "attachment";

    public static readonly TimeSpan UploadSasLifetime = TimeSpan.FromMinutes(10);

    public static readonly TimeSpan ReadSasLifetime = TimeSpan.FromMinutes(15);

    /// <summary>WeChat downloads the image some time after media_check_async accepts it.</summary>
    public static readonly TimeSpan MediaCheckSasLifetime = TimeSpan.FromHours(1);

    public static readonly TimeSpan VerdictTimeout = TimeSpan.FromMinutes(30);

    /// <summary>Matches the blob lifecycle rule (infra: uploadRetentionDays = 1) for blobs under <see cref="UploadPrefix"/>.</summary>
    public static readonly TimeSpan OrphanAge = TimeSpan.FromHours(24);

    /// <summary>Blobs under this prefix expire by the lifecycle rule (infra/main.bicep expiringBlobPrefixes: "attachments/uploads/").</summary>
    public const string UploadPrefix = "uploads/";

    /// <summary>Committed photos live outside the expiring prefix.</summary>
    public const string ItemPrefix = "items/";

    public static readonly FrozenSet<string> Purposes = FrozenSet.Create(StringComparer.Ordinal, "letter", "topic", "comment", "progress");

    public static readonly FrozenDictionary<string, string> ContentTypeNames = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["image/jpeg"] = "JPEG",
        ["image/png"] = "PNG",
        ["image/webp"] = "WebP",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>How many leading bytes <see cref="LooksLike"/> needs.</summary>
    public const int SniffLength = 12;

    public static string UploadBlobName(string ownerId, string uploadId) => $"{UploadPrefix}{ownerId}/{uploadId}";

    public static string ItemBlobName(string parentType, string parentId, string uploadId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(parentType);
        ArgumentException.ThrowIfNullOrWhiteSpace(parentId);
        if (parentType.Contains('/', StringComparison.Ordinal) || parentId.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException("Parent type and id must not contain '/'.", nameof(parentId));
        }

        return $"{ItemPrefix}{parentType}/{parentId}/{uploadId}";
    }

    /// <summary>Upload ids are ours (32 hex digits); anything else cannot be one and is not looked up.</summary>
    public static bool IsUploadId(string? id) => id is { Length: 32 } && id.All(char.IsAsciiHexDigitLower);

    /// <summary>Whether the first bytes are the signature of the declared type (the client's Content-Type proves nothing).</summary>
    public static bool LooksLike(string contentType, ReadOnlySpan<byte> head) => contentType switch
    {
        "image/jpeg" => head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]),
        "image/png" => head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        "image/webp" => head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8),
        _ => false,
    };

    /// <summary>The image-check status as the API spells it.</summary>
    public static string StatusName(MediaCheckStatus status) => status switch
    {
        MediaCheckStatus.Pending => "pending",
        MediaCheckStatus.Passed => "passed",
        MediaCheckStatus.Held => "held",
        _ => "rejected",
    };
}
