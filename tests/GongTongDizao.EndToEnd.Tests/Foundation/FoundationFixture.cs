using GongTongDizao.DevHost.Metadata;
using GongTongDizao.Testing;

namespace GongTongDizao.EndToEnd.Tests.Foundation;

/// <summary>The DevHost with the test functions and a host.json whose retry delay is short enough for a test.</summary>
public sealed class FoundationFixture : DevHostFixture
{
    public const int MaxDequeueCount = 3;

    private readonly string _hostJson = Path.Combine(Path.GetTempPath(), $"host-{Guid.NewGuid():N}.json");

    public override Task InitializeAsync()
    {
        File.WriteAllText(_hostJson, $$"""
        { "version": "2.0", "extensions": { "queues": { "maxPollingInterval": "00:00:00.500", "visibilityTimeout": "00:00:00.200", "maxDequeueCount": {{MaxDequeueCount}}, "messageEncoding": "base64" } } }
        """);
        return base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        File.Delete(_hostJson);
    }

    protected override IEnumerable<string> Arguments() => [.. base.Arguments(), $"--DevHost:HostJsonPath={_hostJson}"];

    protected override IEnumerable<FunctionDescriptor> ExtraFunctions() => TestFunctions.Descriptors();
}
