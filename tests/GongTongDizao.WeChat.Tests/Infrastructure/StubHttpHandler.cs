using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace GongTongDizao.WeChat.Tests.Infrastructure;

/// <summary>
/// Answers WeChat calls with canned responses chosen by path, and records what was sent, so request shapes
/// and response parsing can be checked without a server.
/// </summary>
internal sealed class StubHttpHandler : HttpMessageHandler
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Func<HttpRequestMessage, HttpResponseMessage>>> _queued = new();
    private readonly ConcurrentDictionary<string, Func<HttpRequestMessage, HttpResponseMessage>> _defaults = new();

    public StubHttpHandler()
    {
        // Every business call needs a token first.
        Always("/cgi-bin/stable_token", """{"access_token":"canned-access-token-value","expires_in":7200}""");
    }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public StubHttpHandler Always(string path, string json, string contentType = "application/json") =>
        Always(path, _ => Json(json, contentType));

    public StubHttpHandler Always(string path, Func<HttpRequestMessage, HttpResponseMessage> respond)
    {
        _defaults[path] = respond;
        return this;
    }

    /// <summary>Answers the next call to <paramref name="path"/> once, before the default answer applies.</summary>
    public StubHttpHandler Once(string path, Func<HttpRequestMessage, HttpResponseMessage> respond)
    {
        _queued.GetOrAdd(path, _ => new ConcurrentQueue<Func<HttpRequestMessage, HttpResponseMessage>>()).Enqueue(respond);
        return this;
    }

    public IReadOnlyList<RecordedRequest> RequestsTo(string path) => Requests.Where(r => r.Uri.AbsolutePath == path).ToList();

    public static HttpResponseMessage Json(string json, string contentType = "application/json")
    {
        var content = new StringContent(json, Encoding.UTF8);
        // Parse keeps WeChat's odd parameters such as "application/json; encoding=utf-8".
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Enqueue(new RecordedRequest(request.Method, request.RequestUri!, body));
        var path = request.RequestUri!.AbsolutePath;
        if (_queued.TryGetValue(path, out var queue) && queue.TryDequeue(out var once))
        {
            return once(request);
        }

        return _defaults.TryGetValue(path, out var respond)
            ? respond(request)
            : new HttpResponseMessage(HttpStatusCode.NotFound);
    }
}
