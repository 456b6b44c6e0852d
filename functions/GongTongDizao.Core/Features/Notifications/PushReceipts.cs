using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using GongTongDizao.Core.Storage;
using Microsoft.Azure.Cosmos;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>
/// Which WeChat push events were handled (WeChat retries 3 times), kept a week in the <c>dedupe</c> container. The
/// dedupe key contains the openid, so only its hash is stored.
/// </summary>
public class PushReceipts(CosmosClient cosmos)
{
    private static readonly int s_ttl = (int)TimeSpan.FromDays(7).TotalSeconds;
    private readonly Container _dedupe = cosmos.GetContainer(StoreNames.Database, StoreNames.Containers.Dedupe);

    /// <summary>True for the first receipt of this event, false when it was received before.</summary>
    public virtual async Task<bool> TryRecordAsync(string dedupeKey, CancellationToken cancellationToken)
    {
        var marker = new Marker { Id = Id(dedupeKey), Ttl = s_ttl };
        return await _dedupe.TryCreateAsync(marker, new PartitionKey(marker.Id), cancellationToken, returnContent: false) is not null;
    }

    /// <summary>Forgets a receipt whose handling failed, so WeChat's retry does it again.</summary>
    public virtual async Task ForgetAsync(string dedupeKey, CancellationToken cancellationToken)
    {
        var id = Id(dedupeKey);
        await _dedupe.TryDeleteAsync(id, new PartitionKey(id), cancellationToken);
    }

    private static string Id(string dedupeKey) => "wxpush~" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(dedupeKey)));

    private sealed record Marker
    {
        [JsonPropertyName("id")]
        public required string Id { get; init; }

        public int? Ttl { get; init; }
    }
}
