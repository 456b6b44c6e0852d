using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.Azure.Cosmos;
using GongTongDizao.Core.Privacy;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>A notice the person sent as staff, with how its delivery went.</summary>
public sealed record BroadcastRecord(string Kind, string BroadcastId, string OrgId, string OrgName, BroadcastAudience Audience, string Title, string Body, DateTimeOffset CreatedAt, int? Recipients, int Sent);

/// <summary>
/// The notices a staff member sent. Each lives in its own partition, so finding them crosses partitions (export and
/// deletion are rare). A notice went to many residents and stays; on deletion its sender becomes the pseudonym.
/// </summary>
public sealed class BroadcastPersonalData(CosmosClient cosmos) : IPersonalDataSource
{
    private readonly Container _container = cosmos.GetContainer(StoreNames.Database, StoreNames.Containers.Notifications);

    public string Kind => "broadcasts";

    public async IAsyncEnumerable<object> ExportAsync(string userId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var b in SentByAsync(userId, cancellationToken))
        {
            yield return new BroadcastRecord("broadcast", b.Id, b.OrgId, b.OrgName, b.Audience, b.Title, b.Body, b.CreatedAt, b.Recipients, b.Sent);
        }
    }

    public async Task AnonymiseAsync(string userId, string pseudonym, CancellationToken cancellationToken)
    {
        await foreach (var b in SentByAsync(userId, cancellationToken))
        {
            try
            {
                await _container.PatchItemAsync<BroadcastDocument>(b.Id, new PartitionKey(b.UserId), [PatchOperation.Set("/createdBy", pseudonym)], new PatchItemRequestOptions { EnableContentResponseOnWrite = false }, cancellationToken);
            }
            catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
            {
                // Gone meanwhile.
            }
        }
    }

    private async IAsyncEnumerable<BroadcastDocument> SentByAsync(string userId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = new QueryDefinition("SELECT * FROM c WHERE c.kind = @k AND c.createdBy = @u").WithParameter("@k", NotificationKinds.Broadcast).WithParameter("@u", userId);
        using var feed = _container.GetItemQueryIterator<BroadcastDocument>(query);
        while (feed.HasMoreResults)
        {
            foreach (var b in await feed.ReadNextAsync(cancellationToken))
            {
                yield return b;
            }
        }
    }
}
