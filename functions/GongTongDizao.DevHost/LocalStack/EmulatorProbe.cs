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
        Timeout = TimeSpan.FromSeconds(3),
    };

    public static async Task<PortState> AzuriteAsync(string host, int port, CancellationToken cancellationToken)
    {
        if (!await IsListeningAsync(host, port, cancellationToken))
        {
            return PortState.Free;
        }

        try
        {
            using var response = await s_http.GetAsync(new Uri($"http://{host}:{port}/devstoreaccount1?comp=list"), cancellationToken);
            return response.Headers.Server.ToString().Contains("Azurite", StringComparison.OrdinalIgnoreCase) ? PortState.Emulator : PortState.Foreign;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return PortState.Foreign;
        }
    }

    public static async Task<PortState> CosmosAsync(string host, int port, CancellationToken cancellationToken)
    {
        if (!await IsListeningAsync(host, port, cancellationToken))
        {
            return PortState.Free;
        }

        try
        {
            var body = await s_http.GetStringAsync(new Uri($"https://{host}:{port}/"), cancellationToken);
            return body.Contains("writableLocations", StringComparison.Ordinal) ? PortState.Emulator : PortState.Foreign;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return PortState.Foreign;
        }
    }

    private static async Task<bool> IsListeningAsync(string host, int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(1));
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
