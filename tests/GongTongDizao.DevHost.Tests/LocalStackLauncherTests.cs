using System.Net;
using System.Net.Sockets;
using GongTongDizao.DevHost.LocalStack;
using Microsoft.Extensions.Logging.Abstractions;

namespace GongTongDizao.DevHost.Tests;

/// <summary>Runs the real launcher on ports of its own, so it neither needs nor disturbs the shared emulators.</summary>
public sealed class LocalStackLauncherTests
{
    [Fact]
    public async Task A_second_start_while_running_reuses_the_emulators()
    {
        var options = FreePorts();
        await using var first = await LocalStackLauncher.EnsureStartedAsync(options, NullLogger.Instance, CancellationToken.None);
        await using var second = await LocalStackLauncher.EnsureStartedAsync(options, NullLogger.Instance, CancellationToken.None);

        Assert.True(first.StartedAny);
        Assert.False(second.StartedAny);
        Assert.Equal(PortState.Emulator, await EmulatorProbe.CosmosAsync(options.Host, options.CosmosPort, CancellationToken.None));
        Assert.Equal(PortState.Emulator, await EmulatorProbe.AzuriteAsync(options.Host, options.QueuePort, CancellationToken.None));
    }

    [Fact]
    public async Task Stopping_stops_only_what_was_started()
    {
        var options = FreePorts();
        var first = await LocalStackLauncher.EnsureStartedAsync(options, NullLogger.Instance, CancellationToken.None);
        await (await LocalStackLauncher.EnsureStartedAsync(options, NullLogger.Instance, CancellationToken.None)).DisposeAsync();

        Assert.Equal(PortState.Emulator, await EmulatorProbe.CosmosAsync(options.Host, options.CosmosPort, CancellationToken.None));

        await first.DisposeAsync();
        Assert.Equal(PortState.Free, await EmulatorProbe.CosmosAsync(options.Host, options.CosmosPort, CancellationToken.None));
        Assert.Equal(PortState.Free, await EmulatorProbe.AzuriteAsync(options.Host, options.BlobPort, CancellationToken.None));
    }

    [Fact]
    public async Task A_port_taken_by_another_program_gives_an_error_naming_the_port()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;
        var options = FreePorts();
        options.CosmosPort = port;
        var accepting = AcceptAndCloseAsync(squatter);

        var error = await Assert.ThrowsAsync<LocalStackException>(() => LocalStackLauncher.EnsureStartedAsync(options, NullLogger.Instance, CancellationToken.None));

        Assert.Contains($"Port {port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("LocalStack__CosmosPort", error.Message, StringComparison.Ordinal);
        Assert.Equal(PortState.Free, await EmulatorProbe.AzuriteAsync(options.Host, options.BlobPort, CancellationToken.None));
        squatter.Stop();
        await accepting;
    }

    private static async Task AcceptAndCloseAsync(TcpListener listener)
    {
        try
        {
            while (true)
            {
                using var client = await listener.AcceptTcpClientAsync();
                await client.GetStream().WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nno"u8.ToArray());
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // The listener was stopped.
        }
    }

    private static LocalStackOptions FreePorts()
    {
        var ports = Enumerable.Range(0, 4).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        ports.ForEach(l => l.Start());
        var numbers = ports.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToList();
        ports.ForEach(l => l.Stop());
        return new LocalStackOptions { BlobPort = numbers[0], QueuePort = numbers[1], TablePort = numbers[2], CosmosPort = numbers[3] };
    }
}
