using System.Text.Json;
using GongTongDizao.Core.Storage;
using Microsoft.Azure.Cosmos;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>A person's whole notifications partition, for the personal-data export and account deletion.</summary>
public class NotificationPartitions(CosmosClient cosmos)
{
    private readonly Container _container = cosmos.GetContainer(StoreNames.Database, StoreNames.Containers.Notifications);

    /// <summary>Every document of the person but the settings (preferences and quotas), as stored.</summary>
    public virtual IAsyncEnumerable<JsonElement> AllButSettingsAsync(string userId, CancellationToken cancellationToken)
    {
        var query = new QueryDefinition("SELECT * FROM c WHERE c.userId = @u AND c.kind != @preferences AND c.kind != @quota")
            .WithParameter("@u", userId).WithParameter("@preferences", NotificationKinds.Preferences).WithParameter("@quota", NotificationKinds.Quota);
        return _container.DrainAsync<JsonElement>(query, new PartitionKey(userId), cancellationToken);
    }

    /// <summary>Deletes every document in the person's partition (one already gone, by TTL or a concurrent deletion, is fine).</summary>
    public virtual async Task DeleteAllAsync(string userId, CancellationToken cancellationToken)
    {
        var query = new QueryDefinition("SELECT VALUE c.id FROM c WHERE c.userId = @u").WithParameter("@u", userId);
        var partition = new PartitionKey(userId);
        foreach (var id in await AsyncEnumerable.ToListAsync(_container.DrainAsync<string>(query, partition, cancellationToken), cancellationToken))
        {
            await _container.TryDeleteAsync(id, partition, cancellationToken);
        }
    }
}
