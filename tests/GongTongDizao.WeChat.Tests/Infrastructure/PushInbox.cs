using System.Collections.Concurrent;
using System.Net;
using System.Web;
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
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PushInbox(WeChatClientOptions options)
    {
        _codec = new WeChatPushCodec(Options.Create(options), TimeProvider.System, NullLogger<WeChatPushCodec>.Instance);
    }

    public ConcurrentQueue<WeChatPushReadResult> Received { get; } = new();

    /// <summary>The first push received that matches, waiting for each new arrival until <paramref name="timeout"/> (10 s) has passed.</summary>
    public async Task<WeChatPushReadResult> WaitForAsync(Func<WeChatPushReadResult, bool> match, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            // Taken before looking, so a push that arrives in between completes it.
            var arrived = Volatile.Read(ref _arrived).Task;
            if (Received.FirstOrDefault(match) is { } found)
            {
                return found;
            }

            try
            {
                await arrived.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                throw new TimeoutException("The expected push did not arrive.");
            }
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var query = HttpUtility.ParseQueryString(request.RequestUri!.Query);
        var body = await request.Content!.ReadAsStringAsync(cancellationToken);
        var result = _codec.Read(WeChatPushRequest.FromQuery(key => query[key], body));
        Received.Enqueue(result);
        Interlocked.Exchange(ref _arrived, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        return result.IsAccepted
            ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("success") }
            : new HttpResponseMessage(HttpStatusCode.Unauthorized);
    }
}
