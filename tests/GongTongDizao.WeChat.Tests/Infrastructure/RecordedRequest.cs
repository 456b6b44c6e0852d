using System.Text.Json;
using System.Web;

namespace GongTongDizao.WeChat.Tests.Infrastructure;

/// <summary>A request the stub received.</summary>
internal sealed record RecordedRequest(HttpMethod Method, Uri Uri, string? Body)
{
    public string? Query(string name) => HttpUtility.ParseQueryString(Uri.Query)[name];

    public JsonElement Json() => JsonDocument.Parse(Body ?? "null").RootElement.Clone();
}
