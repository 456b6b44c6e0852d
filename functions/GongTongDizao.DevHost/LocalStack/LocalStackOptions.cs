namespace GongTongDizao.DevHost.LocalStack;

/// <summary>Where the emulators listen (section "LocalStack"). Loopback only.</summary>
public sealed class LocalStackOptions
{
    public const string SectionName = "LocalStack";

    /// <summary>Azurite's well-known development account; not a secret.</summary>
    public const string AzuriteAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>The Cosmos emulator's well-known key; the npm emulator ignores it, the SDK needs one.</summary>
    public const string CosmosEmulatorKey = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

    public string Host { get; set; } = "127.0.0.1";

    public int BlobPort { get; set; } = 10000;

    public int QueuePort { get; set; } = 10001;

    public int TablePort { get; set; } = 10002;

    public int CosmosPort { get; set; } = 8081;

    /// <summary>
    /// Added to every answer of the Cosmos emulator (zero by default). On loopback with kept-alive connections a store
    /// round trip takes well under a millisecond, far less than in Azure; ./bench.sh sets Azure's in-region round trip
    /// here so that the ratio of an endpoint to the raw SDK call counts round trips, as issue #23's targets mean.
    /// </summary>
    public TimeSpan CosmosLatency { get; set; }

    /// <summary>The node executable; the emulators are npm packages pinned by the repo's package-lock.json.</summary>
    public string Node { get; set; } = "node";

    /// <summary>The repo root (where package.json and tools/localstack are); found by walking up when empty.</summary>
    public string? RepoRoot { get; set; }

    /// <summary>
    /// Leave the emulators this process started running until the process exits (their --parent-pid watchdog
    /// then ends them), instead of stopping them on dispose: test hosts come and go within one test process.
    /// </summary>
    public bool StopWithProcess { get; set; }

    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(60);

    public Uri CosmosEndpoint => new($"https://{Host}:{CosmosPort}/");

    public string StorageConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AzuriteAccountKey};" +
        $"BlobEndpoint=http://{Host}:{BlobPort}/devstoreaccount1;QueueEndpoint=http://{Host}:{QueuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://{Host}:{TablePort}/devstoreaccount1;";
}
