using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Azure.Cosmos;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>A person's whole notifications partition, for the personal-data export and account deletion.</summary>
public class NotificationPartitions(CosmosClient cosmos)
{
    private readonly Container _container = cosmos.GetContainer(StoreNames.Database, StoreNames.Containers.Notifications);

    /// <summary>Every document of the person but the settings (preferences and quotas), as stored.</summary>
    public virtual async IAsyncEnumerable<JsonElement> AllButSettingsAsync(string userId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = new QueryDefinition("SELECT * FROM c WHERE c.userId = @u AND c.kind != @preferences AND c.kind != @quota")
            .WithParameter("@u", userId).WithParameter("@preferences", NotificationKinds.Preferences).WithParameter("@quota", NotificationKinds.Quota);
        using var feed = _container.GetItemQueryIterator<JsonElement>(query, requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(userId) });
        while (feed.HasMoreResults)
        {
            foreach (var item in await feed.ReadNextAsync(cancellationToken))
            {
                yield return item;
            }
        }
    }

    /// <summary>Deletes every document in the person's partition.</summary>
    public virtual async Task DeleteAllAsync(string userId, CancellationToken cancellationToken)
    {
        var query = new QueryDefinition("SELECT VALUE c.id FROM c WHERE c.userId = @u").WithParameter("@u", userId);
        var ids = new List<string>();
        using (var feed = _container.GetItemQueryIterator<string>(query, requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(userId) }))
        {
            while (feed.HasMoreResults)
            {
                ids.AddRange(await feed.ReadNextAsync(cancellationToken));
            }
        }

        foreach (var id in ids)
        {
            try
            {
                await _container.DeleteItemAsync<JsonElement>(id, new PartitionKey(userId), cancellationToken: cancellationToken);
            }
            catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
            {
                // Already gone (TTL or a concurrent deletion).
            }
        }
    }
}
