using System.Net;

namespace GongTongDizao.DevHost.Http;

/// <summary>
/// The one connection pool to the worker's HTTP server, set up as YARP recommends for a forwarder: no proxy,
/// no redirects, no decompression, no cookies, and no second trace header (the forwarder propagates it).
/// </summary>
public sealed class WorkerHttpClient : IDisposable
{
    public HttpMessageInvoker Invoker { get; } = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        ActivityHeadersPropagator = null,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
    });

    public void Dispose() => Invoker.Dispose();
}
