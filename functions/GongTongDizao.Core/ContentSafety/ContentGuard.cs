using GongTongDizao.WeChat;
using Microsoft.Extensions.Logging;

namespace GongTongDizao.Core.ContentSafety;

/// <summary>
/// The one text check every feature uses (msg_sec_check v2): risky → reject, review → hold, pass → publish. When
/// WeChat cannot answer, the text is held for a moderator: never published unchecked, never the resident's failure.
/// </summary>
public partial class ContentGuard(WeChatClient wechat, ILogger<ContentGuard> logger)
{
    public virtual async Task<ContentVerdict> CheckAsync(string openId, ContentCheckScene scene, string? title, string content, CancellationToken cancellationToken)
    {
        try
        {
            var result = await wechat.CheckTextAsync(new TextCheckRequest(openId, content, scene) { Title = title }, cancellationToken);
            return result.Suggest switch
            {
                ContentSuggest.Pass => ContentVerdict.Publish,
                ContentSuggest.Risky => ContentVerdict.Reject,
                _ => ContentVerdict.Hold,
            };
        }
        catch (Exception ex) when (ex is WeChatApiException or HttpRequestException or TimeoutException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogHeld(logger, ex.GetType().Name, (ex as WeChatApiException)?.ErrCode);
            return ContentVerdict.Hold;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Text check unavailable ({ExceptionType}, errcode {ErrCode}): held for review")]
    private static partial void LogHeld(ILogger logger, string exceptionType, int? errCode);
}
