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
        catch (Exception ex) when (WeChatUnavailable.Is(ex, cancellationToken))
        {
            LogHeld(logger, ex.GetType().Name, (ex as WeChatApiException)?.ErrCode);
            return ContentVerdict.Hold;
        }
    }

    /// <summary>
    /// Text staff write for residents to read (letter replies, reasons, meeting notices and minutes, deed plans and
    /// progress): it goes through the same check as residents' text. Staff text has no held state to wait in, so only
    /// a pass publishes it: risky is 422 CONTENT_REJECTED, and review (or WeChat not answering) is the same refusal
    /// with a detail asking to revise and retry, as for broadcasts. Null or blank parts are skipped; null means it may be saved.
    /// </summary>
    public async Task<Error?> CheckStaffTextAsync(string openId, ContentCheckScene scene, IReadOnlyList<string?> parts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var text = string.Join('\n', parts.Where(p => !string.IsNullOrWhiteSpace(p)));
        if (text.Length == 0)
        {
            return null;
        }

        return await CheckAsync(openId, scene, null, text, cancellationToken) switch
        {
            ContentVerdict.Publish => null,
            ContentVerdict.Reject => Error.From(ErrorCodes.ContentRejected),
            _ => Error.From(ErrorCodes.ContentRejected, "内容需人工审核或暂时无法检测，未保存，请修改后重试"),
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Text check unavailable ({ExceptionType}, errcode {ErrCode}): held for review")]
    private static partial void LogHeld(ILogger logger, string exceptionType, int? errCode);
}
