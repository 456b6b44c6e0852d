using System.Diagnostics;
using System.Net.Sockets;
using Azure.Storage.Queues;
using GongTongDizao.Testing;

namespace GongTongDizao.DevHost.Tests.Triggers;

[CollectionDefinition(Name)]
public sealed class TriggersCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Triggers on Azurite";
}

/// <summary>
/// Azurite alone (no Cosmos emulator) on the ports of this test suite, as a child process killed on dispose.
/// TRIGGERS_AZURITE_BLOB_PORT (and _QUEUE_, _TABLE_) move it; the default is 15000-15002.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private Process? _azurite;

    public int BlobPort { get; } = Port("BLOB", 15000);

    public int QueuePort { get; } = Port("QUEUE", 15001);

    public int TablePort { get; } = Port("TABLE", 15002);

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;";

    public QueueClient Queue(string name, QueueMessageEncoding encoding = QueueMessageEncoding.Base64) =>
        new(ConnectionString, name, new QueueClientOptions { MessageEncoding = encoding });

    public async Task InitializeAsync() => await StartAsync();

    public Task DisposeAsync()
    {
        Stop();
        return Task.CompletedTask;
    }

    /// <summary>Kills Azurite (in memory: every queue is gone), for tests of a storage outage.</summary>
    public void Stop()
    {
        if (_azurite is null)
        {
            return;
        }

        try
        {
            _azurite.Kill(entireProcessTree: true);
            _azurite.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _azurite.Dispose();
        _azurite = null;
    }

    public async Task StartAsync()
    {
        if (await AnswersAsync(QueuePort))
        {
            throw new InvalidOperationException($"Port {QueuePort} is already in use; stop what holds it (a leftover Azurite?) or set TRIGGERS_AZURITE_QUEUE_PORT.");
        }

        var info = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
                 {
                     RepoFolders.Find("node_modules/azurite/dist/src/azurite.js"), "--silent", "--inMemoryPersistence", "--skipApiVersionCheck", "--loose",
                     "--disableProductStyleUrl", "--blobHost", "127.0.0.1", "--blobPort", $"{BlobPort}", "--queueHost", "127.0.0.1", "--queuePort",
                     $"{QueuePort}", "--tableHost", "127.0.0.1", "--tablePort", $"{TablePort}",
                 })
        {
            info.ArgumentList.Add(argument);
        }

        _azurite = Process.Start(info) ?? throw new InvalidOperationException("node did not start");
        _azurite.OutputDataReceived += (_, _) => { };
        _azurite.ErrorDataReceived += (_, _) => { };
        _azurite.BeginOutputReadLine();
        _azurite.BeginErrorReadLine();
        await Eventually.TrueAsync(async () => _azurite.HasExited ? throw new InvalidOperationException($"Azurite exited with {_azurite.ExitCode}") : await AnswersAsync(QueuePort),
            TimeSpan.FromSeconds(30), "Azurite answers");
    }

    private static async Task<bool> AnswersAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int Port(string service, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable($"TRIGGERS_AZURITE_{service}_PORT"), out var port) ? port : fallback;
}
