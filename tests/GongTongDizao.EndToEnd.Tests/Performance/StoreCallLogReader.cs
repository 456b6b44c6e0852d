using System.Globalization;
using System.Text.RegularExpressions;
using GongTongDizao.Core.Storage;
using GongTongDizao.Testing;

namespace GongTongDizao.EndToEnd.Tests.Performance;

/// <summary>
/// Sorts the worker's store-call log lines (<see cref="StoreCallLog"/>) of one invocation into point reads, writes,
/// queries (cross-partition when no partition key narrows them, or fan-out is allowed), the query plans the SDK asks
/// the gateway for, the SDK's own metadata requests, and queue sends.
/// </summary>
public static partial class StoreCallLogReader
{
    private const string Category = "Worker." + StoreCallLog.Category;
    private const string WeChatCategory = "Worker.GongTongDizao.WeChat.WeChatLoggingHandler";

    public static StoreCallTally Tally(IEnumerable<LogEntry> entries, string invocationId)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var tally = new StoreCallTally();
        var prefix = $" {invocationId}] ";
        foreach (var entry in entries.Where(e => e.Category is Category or WeChatCategory && e.Message.Contains(prefix, StringComparison.Ordinal)))
        {
            var text = entry.Message[(entry.Message.IndexOf(prefix, StringComparison.Ordinal) + prefix.Length)..];
            if (WeChatLine().Match(text) is { Success: true } weChat)
            {
                tally.Time($"WeChat {weChat.Groups["path"].Value}", double.Parse(weChat.Groups["ms"].Value, CultureInfo.InvariantCulture));
                continue;
            }

            if (Elapsed().Match(text) is { Success: true } elapsed)
            {
                tally.Time(CallName(text), double.Parse(elapsed.Groups["ms"].Value, CultureInfo.InvariantCulture));
            }

            if (CosmosLine().Match(text) is { Success: true } cosmos)
            {
                Count(tally, cosmos.Groups["method"].Value, cosmos.Groups["path"].Value, cosmos.Groups["pk"].Value == "True", cosmos.Groups["query"].Value == "True", cosmos.Groups["plan"].Value == "True", cosmos.Groups["cross"].Value == "True");
            }
            else if (QueueLine().Match(text) is { Success: true } queue && queue.Groups["method"].Value == "POST" && queue.Groups["path"].Value.TrimEnd('/').EndsWith("/messages", StringComparison.Ordinal))
            {
                var segments = queue.Groups["path"].Value.TrimEnd('/').Split('/');
                tally.CountQueueSend(segments[^2]);
            }
        }

        return tally;
    }

    private static void Count(StoreCallTally tally, string method, string path, bool partitioned, bool query, bool plan, bool crossPartition)
    {
        // Items live at dbs/{db}/colls/{container}/docs/{id}; creates and queries are POSTs to the container itself.
        // Anything else (a GET of the database or container, its partition-key ranges) is the SDK's own metadata.
        var segments = path.Trim('/').Split('/');
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
            if (plan)
            {
                tally.CountQueryPlan(segments[3]);
            }
            else if (query)
            {
                tally.CountQuery(segments[3], crossPartition: !partitioned || crossPartition);
            }
            else
            {
                tally.CountWrite($"POST {segments[3]}");
            }
        }
        else if (segments.Length == 5 && segments[4] == "docs" && method == "GET")
        {
            tally.CountQuery(segments[3], crossPartition: !partitioned);
        }
        else
        {
            tally.CountMetadata($"{method} {string.Join('/', segments.Skip(2))}");
        }
    }

    /// <summary>"cosmos PATCH letters", "queue POST events": the call without ids, account or database.</summary>
    private static string CallName(string line)
    {
        var parts = line.Split(' ', 3);
        var segments = parts[2].Split(' ')[0].Trim('/').Split('/');
        var target = parts[0] == "cosmos" ? (segments.Length > 3 ? segments[3] : string.Join('/', segments)) : (segments.Length > 1 ? segments[1] : segments[0]);
        return $"{parts[0]} {parts[1]} {target}";
    }

    [GeneratedRegex(@" ms=(?<ms>[0-9.]+)$")]
    private static partial Regex Elapsed();

    [GeneratedRegex(@"^WeChat HTTP \S+ (?<path>[^?\s]+)\S* answered \d+ in (?<ms>[0-9.]+) ms")]
    private static partial Regex WeChatLine();

    [GeneratedRegex(@"^cosmos (?<method>\S+) (?<path>\S+) partitioned=(?<pk>\w+) query=(?<query>\w+) plan=(?<plan>\w+) crossPartition=(?<cross>\w+)")]
    private static partial Regex CosmosLine();

    [GeneratedRegex(@"^queue (?<method>\S+) (?<path>\S+)")]
    private static partial Regex QueueLine();
}
