namespace GongTongDizao.WeChat;

/// <summary>One request to a WeChat API, before the access token is added.</summary>
internal sealed record WeChatApiCall(string Name, HttpMethod Method, string Path)
{
    /// <summary>Query parameters other than access_token.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Query { get; init; } = [];

    /// <summary>The JSON body, already serialised.</summary>
    public string? JsonBody { get; init; }

    /// <summary>Whether access_token goes into the query string (and 40001/42001 trigger one refresh).</summary>
    public bool RequiresAccessToken { get; init; }

    /// <summary>
    /// Whether a repeat has the same effect as one call. Only such calls are retried after a response or a
    /// timeout was seen; the others only when the connection never opened (see <see cref="WeChatResilience"/>).
    /// </summary>
    public bool Idempotent { get; init; }

    /// <summary>Whether a success is image bytes rather than JSON (mini-program codes).</summary>
    public bool ExpectsBinary { get; init; }
}
