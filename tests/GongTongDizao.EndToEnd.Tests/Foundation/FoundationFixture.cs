using System.Text.Json.Nodes;
using GongTongDizao.DevHost.Functions;
using GongTongDizao.Testing;

namespace GongTongDizao.EndToEnd.Tests.Foundation;

/// <summary>The local host with a host.json whose retry timings are short enough for a test.</summary>
public sealed class FoundationFixture : DevHostFixture
{
    public const int MaxDequeueCount = 3;

    private readonly string _hostJson = Path.Combine(Path.GetTempPath(), $"host-{Guid.NewGuid():N}.json");

    public override Task InitializeAsync()
    {
        var hostJson = JsonNode.Parse(File.ReadAllText(FunctionApp.Locate(null).HostJsonPath))!;
        var queues = hostJson["extensions"]!["queues"]!;
        queues["maxPollingInterval"] = "00:00:00.500";
        queues["visibilityTimeout"] = "00:00:00.200";
        queues["maxDequeueCount"] = MaxDequeueCount;
        File.WriteAllText(_hostJson, hostJson.ToJsonString());
        return base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        File.Delete(_hostJson);
    }

    protected override IEnumerable<string> Arguments() => [.. base.Arguments(), $"--DevHost:HostJsonPath={_hostJson}"];
}
