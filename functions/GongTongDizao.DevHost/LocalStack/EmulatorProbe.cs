using System.Net.Sockets;

namespace GongTongDizao.DevHost.LocalStack;

public enum PortState
{
    /// <summary>Nothing listens: the emulator can be started there.</summary>
    Free,

    /// <summary>The expected emulator answers: reuse it.</summary>
    Emulator,

    /// <summary>Something else listens: fail with a message naming the port.</summary>
    Foreign,
}

/// <summary>Tells whether a port is free, held by the expected emulator, or held by something else.</summary>
internal static class EmulatorProbe
{
    private static readonly HttpClient s_http = new(new HttpClientHandler
    {
        // The Cosmos emulator's certificate is self-signed; this client only ever talks to loopback.
        ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
    })
    {
        Timeout = TimeSpan.FromSeconds(10),
    };

    public static async Task<PortState> AzuriteAsync(string host, int port, CancellationToken cancellationToken)
    {
        if (!await IsListeningAsync(host, port, cancellationToken))
        {
            return PortState.Free;
        }

        return await WithRetriesAsync(async () =>
        {
            using var response = await s_http.GetAsync(new Uri($"http://{host}:{port}/devstoreaccount1?comp=list"), cancellationToken);
            return response.Headers.Server.ToString().Contains("Azurite", StringComparison.OrdinalIgnoreCase) ? PortState.Emulator : PortState.Foreign;
        });
    }

    public static async Task<PortState> CosmosAsync(string host, int port, CancellationToken cancellationToken)
    {
        if (!await IsListeningAsync(host, port, cancellationToken))
        {
            return PortState.Free;
        }

        return await WithRetriesAsync(async () =>
        {
            using var response = await s_http.GetAsync(new Uri($"https://{host}:{port}/"), cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return body.Contains("writableLocations", StringComparison.Ordinal) ? PortState.Emulator : PortState.Foreign;
        });
    }

    /// <summary>
    /// A busy emulator (a test suite hammering it) may answer slowly or drop a connection: only an answer that is
    /// not the emulator's makes the port foreign; three failed tries in a row do too.
    /// </summary>
    private static async Task<PortState> WithRetriesAsync(Func<Task<PortState>> probe)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await probe();
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && attempt < 3)
            {
                await Task.Delay(500);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                return PortState.Foreign;
            }
        }
    }

    private static async Task<bool> IsListeningAsync(string host, int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            await client.ConnectAsync(host, port, timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
