using System.Globalization;
using GongTongDizao.WeChat;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>What one try at WeChat came to; <see cref="DeliveryOutcomeRules"/> decides what follows.</summary>
public abstract record SendAttempt;

/// <summary>WeChat answered: sent, or refused with an errcode its answer names (<see cref="SubscribeSendResult.Outcome"/>).</summary>
public sealed record SendAnswered(SubscribeSendResult Result) : SendAttempt;

/// <summary>WeChat rejected the call for a reason a retry would not change.</summary>
public sealed record SendRejected(int ErrCode) : SendAttempt;

/// <summary>
/// No usable answer: WeChat busy (<c>-1</c>, a token to refresh: <paramref name="CertainlyNotSent"/>) or no answer
/// at all (<c>timeout</c>, <c>network</c>: the message may have gone out).
/// </summary>
public sealed record SendUnanswered(string ErrCode, bool CertainlyNotSent) : SendAttempt;

/// <summary>Who a claimed delivery goes to and with which WeChat template, once its quota unit is taken.</summary>
public sealed record SendTarget(string OpenId, string TemplateId);

/// <summary>
/// The send step: one subscribe message with the catalogue's data, and WeChat's answer (or its absence) classified.
/// Nothing is written here.
/// </summary>
public class DeliverySend(WeChatClient wechat)
{
    public virtual async Task<SendAttempt> SendAsync(DeliveryMessage message, SendTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(target);
        var definition = TemplateCatalogue.Definitions[message.TemplateKey];
        var subscribeMessage = new SubscribeMessage(target.OpenId, target.TemplateId, TemplateCatalogue.BuildData(definition, target.TemplateId, message.Content)) { Page = message.Page };
        try
        {
            return new SendAnswered(await wechat.SendSubscribeMessageAsync(subscribeMessage, cancellationToken));
        }
        catch (WeChatApiException ex) when (ex.Classification is WeChatErrorClassification.RetryNow or WeChatErrorClassification.RetryLater or WeChatErrorClassification.RefreshTokenAndRetryOnce)
        {
            return new SendUnanswered(ex.ErrCode.ToString(CultureInfo.InvariantCulture), CertainlyNotSent: true);
        }
        catch (WeChatApiException ex)
        {
            return new SendRejected(ex.ErrCode);
        }
        catch (Exception ex) when (WeChatUnavailable.Is(ex, cancellationToken))
        {
            // No answer at all (the API errors are caught above): the message may have gone out.
            return new SendUnanswered(ex is HttpRequestException ? "network" : "timeout", CertainlyNotSent: false);
        }
    }
}
