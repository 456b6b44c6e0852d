using System.Text.Json.Serialization;

namespace GongTongDizao.Core.Idempotency;

/// <summary>
/// One Idempotency-Key as the API saw it: reserved while the first request runs, then the response it gave.
/// Kept in the dedupe container (partition /id) and removed by Cosmos 24 hours after it was written.
/// </summary>
public sealed record IdempotencyRecord
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>Seconds until Cosmos removes the record (the container's default TTL is "on, none by default").</summary>
    public int Ttl { get; init; } = (int)IdempotencyStore.Retention.TotalSeconds;

    /// <summary>SHA-256 of method, path and body: the same key with another request is refused.</summary>
    public required string Fingerprint { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public bool Completed { get; init; }

    public int Status { get; init; }

    public string? ContentType { get; init; }

    public string? Location { get; init; }

    /// <summary>The response body as sent (UTF-8 text; the API only answers JSON).</summary>
    public string? Body { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }
}
