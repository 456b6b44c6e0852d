using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using GongTongDizao.Core.Privacy;
using Microsoft.Azure.Cosmos;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>
/// A person's inbox, delivery records, quotas and broadcast preferences (their own partition). Nothing here is
/// part of the community record, so deletion removes it all rather than pseudonymising it; the notices a staff member
/// sent are, and keep the pseudonym instead of their id.
/// </summary>
public sealed class NotificationsPersonalData(CosmosClient cosmos) : IPersonalDataSource
{
    private readonly Container _container = cosmos.GetContainer(StoreNames.Database, StoreNames.Containers.Notifications);

    public string Kind => "notifications";

    public async IAsyncEnumerable<object> ExportAsync(string userId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Preferences and quotas are exported readably by NotificationSettingsPersonalData.
        var query = new QueryDefinition("SELECT * FROM c WHERE c.userId = @u AND c.kind != @preferences AND c.kind != @quota")
            .WithParameter("@u", userId).WithParameter("@preferences", NotificationKinds.Preferences).WithParameter("@quota", NotificationKinds.Quota);
        using var feed = _container.GetItemQueryIterator<JsonElement>(query, requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(userId) });
        while (feed.HasMoreResults)
        {
            foreach (var item in await feed.ReadNextAsync(cancellationToken))
            {
                yield return Strip(item);
            }
        }
    }

    public async Task AnonymiseAsync(string userId, string pseudonym, CancellationToken cancellationToken)
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

        // Notices the person sent as staff stay for the record, under the pseudonym (rare: crosses partitions).
        var sent = new QueryDefinition("SELECT c.id, c.userId FROM c WHERE c.createdBy = @u").WithParameter("@u", userId);
        var broadcasts = new List<(string Id, string Partition)>();
        using (var feed = _container.GetItemQueryIterator<JsonElement>(sent))
        {
            while (feed.HasMoreResults)
            {
                broadcasts.AddRange((await feed.ReadNextAsync(cancellationToken)).Select(b => (b.GetProperty("id").GetString()!, b.GetProperty("userId").GetString()!)));
            }
        }

        foreach (var (id, partition) in broadcasts)
        {
            await _container.PatchItemAsync<JsonElement>(id, new PartitionKey(partition), [PatchOperation.Set("/createdBy", pseudonym)], new PatchItemRequestOptions { EnableContentResponseOnWrite = false }, cancellationToken);
        }
    }

    /// <summary>The document as the person should see it: without Cosmos's system properties.</summary>
    private static Dictionary<string, JsonElement> Strip(JsonElement item) =>
        item.EnumerateObject().Where(p => !p.Name.StartsWith('_')).ToDictionary(p => p.Name, p => p.Value.Clone());
}
