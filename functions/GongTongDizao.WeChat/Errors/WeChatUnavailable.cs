namespace GongTongDizao.WeChat;

/// <summary>
/// The one test for "WeChat did not answer usefully": an API error, the network, a timeout, or a call our own
/// timeout cancelled. Callers degrade instead of failing (hold the content for a moderator, answer
/// <c>WECHAT_UNAVAILABLE</c> with a retry hint). A cancellation the caller asked for is not an outage and is rethrown.
/// </summary>
public static class WeChatUnavailable
{
    /// <summary>Use as <c>catch (Exception ex) when (WeChatUnavailable.Is(ex, cancellationToken))</c>.</summary>
    public static bool Is(Exception exception, CancellationToken cancellationToken) =>
        exception is WeChatApiException or HttpRequestException or TimeoutException or TaskCanceledException && !cancellationToken.IsCancellationRequested;
}
