using System.Collections.Concurrent;
using System.Net;
using System.Web;
using GongTongDizao.WeChat.Simulator;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GongTongDizao.WeChat.Tests.Infrastructure;

/// <summary>
/// Receives the simulator's pushes in-process (as its PushHandler) and runs each through the client's
/// <see cref="WeChatPushCodec"/>, as the push function would; answers "success" to accepted pushes.
/// </summary>
internal sealed class PushInbox : HttpMessageHandler
{
    private readonly WeChatPushCodec _codec;

    public PushInbox(WeChatClientOptions options)
    {
        _codec = new WeChatPushCodec(Options.Create(options), TimeProvider.System, NullLogger<WeChatPushCodec>.Instance);
    }

    public ConcurrentQueue<WeChatPushReadResult> Received { get; } = new();

    public async Task<WeChatPushReadResult> WaitForAsync(Func<WeChatPushReadResult, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (DateTime.UtcNow < deadline)
        {
            var found = Received.FirstOrDefault(match);
            if (found is not null)
            {
                return found;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("The expected push did not arrive.");
    }

    /// <summary>
    /// Waits for the simulator to record a push delivery: it records one only once the receiver's answer is in, which
    /// is just after the receiver (this inbox) has read the push, so a test that saw the push must still wait for it.
    /// </summary>
    public static async Task WaitForDeliveryAsync(WeChatSimulatorState state, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (state.PushDeliveries.Count == 0)
        {
            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException("The simulator recorded no push delivery.");
            }

            await Task.Delay(20);
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var query = HttpUtility.ParseQueryString(request.RequestUri!.Query);
        var body = await request.Content!.ReadAsStringAsync(cancellationToken);
        var result = _codec.Read(WeChatPushRequest.FromQuery(key => query[key], body));
        Received.Enqueue(result);
        return result.IsAccepted
            ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("success") }
            : new HttpResponseMessage(HttpStatusCode.Unauthorized);
    }
}
