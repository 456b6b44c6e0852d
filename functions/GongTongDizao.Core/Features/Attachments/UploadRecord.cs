using System.Text.Json.Serialization;

namespace GongTongDizao.Core.Features.Attachments;

public enum UploadStatus
{
    Uploaded,
    Committed,
}

/// <summary>WeChat's image check of a committed photo; a moderator settles the held ones.</summary>
public enum MediaCheckStatus
{
    Pending,
    Passed,
    Held,
    Rejected,
}

/// <summary>Why a photo is held or rejected (shown to moderators as text by <see cref="MediaCheckReasons"/>).</summary>
public static class MediaCheckReasons
{
    public const string Review = "review";
    public const string Risky = "risky";
    public const string NoVerdict = "no_verdict";
    public const string DownloadFailed = "download_failed";
    public const string WeChatUnavailable = "wechat_unavailable";

    public static string Describe(string? reason) => reason switch
    {
        Review => "微信图片检测建议人工复核",
        Risky => "微信图片检测判定为违规",
        NoVerdict => "微信图片检测超过 30 分钟未给出结果",
        DownloadFailed => "微信无法下载该图片进行检测",
        WeChatUnavailable => "微信图片检测暂不可用",
        _ => "待人工复核",
    };
}

public sealed record MediaCheck
{
    public required MediaCheckStatus Status { get; init; }

    /// <summary>media_check_async's trace_id; the wxa_media_check push carries it back.</summary>
    public string? TraceId { get; init; }

    public string? Reason { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The moderator who settled it; WeChat verdicts arriving later no longer change it.</summary>
    public string? DecidedBy { get; init; }
}

/// <summary>
/// One upload in the uploads container (partition key = ownerId): what the person declared when asking for the
/// SAS, and once committed, the item it belongs to and the state of its image check.
/// </summary>
public sealed record UploadRecord
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    public required string OwnerId { get; init; }

    public required string Purpose { get; init; }

    public required string ContentType { get; init; }

    public required long Size { get; init; }

    public required UploadStatus Status { get; init; }

    public required string BlobName { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? CommittedAt { get; init; }

    public string? ParentType { get; init; }

    public string? ParentId { get; init; }

    public string? OrgId { get; init; }

    public MediaCheck? Check { get; init; }

    /// <summary>The owner deleted their account: the photo stays with the community record but is no longer theirs.</summary>
    public bool Anonymised { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    /// <summary>Readers may get a URL: committed and not held or rejected by the image check.</summary>
    [JsonIgnore]
    public bool IsVisible => Status == UploadStatus.Committed && Check?.Status is null or MediaCheckStatus.Pending or MediaCheckStatus.Passed;
}

/// <summary>In the dedupe container (partition key = id): finds an upload from a media-check trace_id with one point read.</summary>
public sealed record MediaCheckLink
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    public required string OwnerId { get; init; }

    public required string UploadId { get; init; }

    /// <summary>Seconds; a verdict arrives within minutes, the link is kept for a month of retries and audits.</summary>
    [JsonPropertyName("ttl")]
    public int Ttl { get; init; } = 30 * 24 * 3600;

    public static string IdFor(string traceId) => "mediacheck~" + traceId;
}
