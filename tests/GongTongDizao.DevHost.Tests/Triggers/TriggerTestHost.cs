using GongTongDizao.DevHost.Triggers;
using GongTongDizao.Testing;
using Microsoft.Extensions.Logging;

namespace GongTongDizao.DevHost.Tests.Triggers;

/// <summary>Starts a <see cref="TriggerHost"/> on the fixture's Azurite with a host.json of the test's own.</summary>
internal static class TriggerTestHost
{
    public const string FastQueues =
        """{ "version": "2.0", "extensions": { "queues": { "maxPollingInterval": "00:00:00.200", "visibilityTimeout": "00:00:00", "batchSize": 8, "newBatchThreshold": 4, "maxDequeueCount": 3, "messageEncoding": "base64" } } }""";

    public static string NewQueueName() => "q" + Guid.NewGuid().ToString("N")[..16];

    public static TriggerFunction Queue(string name, string queueName) =>
        new($"id-{name}", name, "message",
            $$"""{"name":"message","type":"queueTrigger","direction":"In","queueName":"{{queueName}}","connection":"AzureWebJobsStorage"}""");

    public static TriggerFunction Timer(string name, string schedule) =>
        new($"id-{name}", name, "timer", $$"""{"name":"timer","type":"timerTrigger","direction":"In","schedule":"{{schedule}}","runOnStartup":false}""");

    public static async Task<TriggerHost> StartAsync(
        AzuriteFixture azurite, ITriggerInvoker invoker, IEnumerable<TriggerFunction> functions, string hostJson = FastQueues,
        IReadOnlyDictionary<string, string?>? settings = null, TimeSpan? timerInterval = null, CapturedLogs? logs = null)
    {
        var path = Path.Combine(Path.GetTempPath(), $"host-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, hostJson);
        // Not disposed here: the host logs through it until the test ends.
        var loggers = LoggerFactory.Create(b => b.AddProvider(logs ?? new CapturedLogs()).SetMinimumLevel(LogLevel.Debug));
        var options = new TriggerHostOptions
        {
            StorageConnectionString = azurite.ConnectionString,
            HostJsonPath = path,
            Settings = settings ?? new Dictionary<string, string?>(),
            TimerInterval = timerInterval,
        };
        return await TriggerHost.StartAsync(functions, options, invoker, loggers, CancellationToken.None);
    }
}
