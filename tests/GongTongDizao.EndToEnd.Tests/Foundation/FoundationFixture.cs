using System.Text.Json.Nodes;
using GongTongDizao.Testing;

namespace GongTongDizao.EndToEnd.Tests.Foundation;

/// <summary>The local host with a host.json whose retry timings are short enough for a test.</summary>
public sealed class FoundationFixture : DevHostFixture
{
    public const int MaxDequeueCount = 3;

    protected override bool ConfigureHostJson(JsonNode hostJson)
    {
        ArgumentNullException.ThrowIfNull(hostJson);
        var queues = hostJson["extensions"]!["queues"]!;
        queues["maxPollingInterval"] = "00:00:00.500";
        queues["visibilityTimeout"] = "00:00:00.200";
        queues["maxDequeueCount"] = MaxDequeueCount;
        return true;
    }
}
