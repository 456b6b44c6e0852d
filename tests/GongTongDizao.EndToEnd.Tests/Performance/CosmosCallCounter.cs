using Microsoft.Azure.Cosmos;

namespace GongTongDizao.EndToEnd.Tests.Performance;

/// <summary>
/// A Cosmos request handler that sorts every request of a measured HTTP request into point reads, writes, queries
/// (cross-partition when no partition key header narrows them, or the SDK allows fan-out), the query plans the SDK
/// asks the gateway for before a query, and the SDK's own metadata requests. It only observes: the request goes on unchanged.
/// </summary>
public sealed class CosmosCallCounter : RequestHandler
{
    private const string PartitionKeyHeader = "x-ms-documentdb-partitionkey";
    private const string CrossPartitionHeader = "x-ms-documentdb-query-enablecrosspartition";
    private const string IsQueryHeader = "x-ms-documentdb-isquery";
    private const string QueryPlanHeader = "x-ms-cosmos-is-query-plan-request";

    public override Task<ResponseMessage> SendAsync(RequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (StoreCallScope.Current is { } tally)
        {
            Count(tally, request);
        }

        return base.SendAsync(request, cancellationToken);
    }

    private static void Count(StoreCallTally tally, RequestMessage request)
    {
        // Items live at dbs/{db}/colls/{container}/docs/{id}; creates and queries are POSTs to the container itself.
        // Anything else (a GET of the database or container, its partition-key ranges) is the SDK's own metadata.
        var segments = request.RequestUri.OriginalString.Trim('/').Split('/');
        var method = request.Method.Method;
        if (segments.Length == 6 && segments[4] == "docs")
        {
            if (method == "GET")
            {
                tally.CountPointRead(segments[3]);
            }
            else
            {
                tally.CountWrite($"{method} {segments[3]}");
            }
        }
        else if (segments.Length == 4 && segments[2] == "colls" && method == "POST")
        {
            CountContainerPost(tally, request, segments[3]);
        }
        else if (segments.Length == 5 && segments[4] == "docs" && method == "GET")
        {
            // A read feed: a query without SQL.
            tally.CountQuery(segments[3], crossPartition: string.IsNullOrEmpty(request.Headers[PartitionKeyHeader]));
        }
        else
        {
            tally.CountMetadata($"{method} {string.Join('/', segments.Skip(2))}");
        }
    }

    private static void CountContainerPost(StoreCallTally tally, RequestMessage request, string container)
    {
        if (IsTrue(request, QueryPlanHeader))
        {
            tally.CountQueryPlan(container);
        }
        else if (IsTrue(request, IsQueryHeader))
        {
            tally.CountQuery(container, crossPartition: string.IsNullOrEmpty(request.Headers[PartitionKeyHeader]) || IsTrue(request, CrossPartitionHeader));
        }
        else
        {
            tally.CountWrite($"POST {container}");
        }
    }

    private static bool IsTrue(RequestMessage request, string header) =>
        string.Equals(request.Headers[header], "true", StringComparison.OrdinalIgnoreCase);
}
