using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace GongTongDizao.WeChat;

public partial class WeChatClient
{
    /// <summary>
    /// Sends a subscribe message. Sent, 43101, 47003, 40003, 40037, 41030 and 45009 come back as a
    /// <see cref="SubscribeSendResult"/>; anything else throws <see cref="WeChatApiException"/>.
    /// The send is never repeated after WeChat may have seen it (a timeout throws <see cref="TimeoutException"/>
    /// and the caller must decide), so a message is not delivered twice; a rejected access token is refreshed
    /// and the send repeated once, because WeChat rejected it before acting.
    /// </summary>
    public virtual async Task<SubscribeSendResult> SendSubscribeMessageAsync(SubscribeMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrWhiteSpace(message.ToOpenId);
        ArgumentException.ThrowIfNullOrWhiteSpace(message.TemplateId);

        var body = new SubscribeSendRequest(
            message.ToOpenId,
            message.TemplateId,
            string.IsNullOrEmpty(message.Page) ? null : message.Page,
            message.Data.Values.ToDictionary(kv => kv.Key, kv => new SubscribeDataValue(kv.Value), StringComparer.Ordinal),
            ToWireValue(message.MiniProgramState ?? _options.MiniProgramState),
            message.Lang);
        var call = new WeChatApiCall("subscribe/send", HttpMethod.Post, "/cgi-bin/message/subscribe/send")
        {
            JsonBody = JsonSerializer.Serialize(body, WeChatJsonContext.Default.SubscribeSendRequest),
            RequiresAccessToken = true,
            Idempotent = false,
        };

        var response = await CallAsync(call, cancellationToken);
        SubscribeSendOutcome? outcome = response.ErrCode switch
        {
            WeChatErrorCodes.Ok => SubscribeSendOutcome.Sent,
            WeChatErrorCodes.SubscriptionRefused => SubscribeSendOutcome.NoQuota,
            WeChatErrorCodes.InvalidData => SubscribeSendOutcome.InvalidData,
            WeChatErrorCodes.InvalidOpenId => SubscribeSendOutcome.InvalidOpenId,
            WeChatErrorCodes.InvalidTemplateId => SubscribeSendOutcome.InvalidTemplateId,
            WeChatErrorCodes.InvalidPage => SubscribeSendOutcome.InvalidPage,
            WeChatErrorCodes.DailyLimitReached => SubscribeSendOutcome.DailyLimitReached,
            _ => null,
        };
        if (outcome is null)
        {
            throw response.ToException();
        }

        var result = new SubscribeSendResult(outcome.Value, WeChatJson.GetString(response.Root, "msgid"), response.ErrCode, response.ErrMsg)
        {
            InvalidField = outcome == SubscribeSendOutcome.InvalidData ? ParseInvalidField(response.ErrMsg) : null,
        };
        _logger.LogInformation("Subscribe message with template {TemplateId} ended {Outcome} (msgid {MsgId}, rid {Rid})",
            message.TemplateId, result.Outcome, result.MsgId, result.Rid);
        return result;
    }

    internal static string ToWireValue(WeChatMiniProgramState state) => state switch
    {
        WeChatMiniProgramState.Developer => "developer",
        WeChatMiniProgramState.Trial => "trial",
        _ => "formal",
    };

    /// <summary>47003's errmsg names the field: <c>argument invalid! data.thing1.value exceeds limit rid: ...</c>.</summary>
    internal static string? ParseInvalidField(string errMsg)
    {
        var match = InvalidFieldPattern().Match(errMsg);
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex(@"data\.([A-Za-z_]+[0-9]*)\.value")]
    private static partial Regex InvalidFieldPattern();
}
