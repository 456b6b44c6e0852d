using Microsoft.Azure.Cosmos;

namespace GongTongDizao.Core.Storage;

/// <summary>
/// A second client to the same account with bulk execution on, for queue work that issues many small operations at
/// once: a broadcast page's inbox items, and a delivery batch's recipient reads, record saves and counter increments.
/// The SDK packs the operations bound for one partition key range into one request (up to 100 of them), so a page of
/// 1,000 inbox items costs about ten requests, in the worker and at the gateway, instead of 1,000. The request units
/// are the same. Everything else keeps the ordinary client, because bulk waits up to its dispatch interval (0.1 s)
/// for a partial batch to fill, which a single write in a request's path should not.
/// </summary>
public sealed class BulkCosmosClient(CosmosClient client) : IDisposable
{
    public Container GetContainer(string database, string container) => client.GetContainer(database, container);

    public void Dispose() => client.Dispose();
}
