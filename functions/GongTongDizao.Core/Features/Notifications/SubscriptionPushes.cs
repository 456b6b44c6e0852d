using GongTongDizao.Core.Features.Identity;
using GongTongDizao.WeChat;
using Microsoft.Extensions.Logging;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>
/// WeChat's pushes about subscribe messages: the popup's answers and settings changes reconcile quotas
/// (<see cref="SubscriptionQuotas.RecordAsync"/>); sent reports confirm deliveries (<see cref="ConfirmLateSend"/>).
/// People are named by openid; one we do not know (or who deleted their account) is ignored.
/// </summary>
public sealed partial class SubscriptionPushes(
    UserStore users,
    SubscriptionQuotas quotas,
    TemplateCatalogue catalogue,
    ConfirmLateSend confirmations,
    ILogger<SubscriptionPushes> logger)
{
    public async Task HandlePopupAsync(SubscribePopupEvent popup, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(popup);
        foreach (var item in popup.Items)
        {
            if (Decision(item.Status) is { } decision && KeyOf(item.TemplateId) is { } key && await UserOfAsync(popup, cancellationToken) is { } user)
            {
                await quotas.RecordAsync(user, key, decision, DecisionSource.Push, cancellationToken);
            }
        }
    }

    public async Task HandleChangeAsync(SubscribeChangeEvent change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        foreach (var item in change.Items)
        {
            // Turning a template off in settings means no send will get through, whatever was counted.
            var decision = item.Status == SubscribeStatus.Reject ? SubscriptionDecisions.Ban : item.Status == SubscribeStatus.Accept ? SubscriptionDecisions.Accept : null;
            if (decision is not null && KeyOf(item.TemplateId) is { } key && await UserOfAsync(change, cancellationToken) is { } user)
            {
                await quotas.RecordAsync(user, key, decision, DecisionSource.Push, cancellationToken);
            }
        }
    }

    public async Task HandleSentAsync(SubscribeSentEvent sent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sent);
        foreach (var item in sent.Items.Where(i => !string.IsNullOrEmpty(i.MsgId)))
        {
            if (await UserOfAsync(sent, cancellationToken) is { } user)
            {
                // Only a send whose answer never reached us needs the template: resolved (and logged if unknown) then.
                await confirmations.ConfirmAsync(user, item, () => KeyOf(item.TemplateId), cancellationToken);
            }
        }
    }

    private Task<string?> UserOfAsync(WeChatPushEvent pushEvent, CancellationToken cancellationToken) => users.FindIdByOpenIdAsync(pushEvent.FromUserName, cancellationToken);

    private string? KeyOf(string templateId)
    {
        var key = catalogue.KeyOf(templateId);
        if (key is null)
        {
            LogUnknownTemplate(logger, templateId);
        }

        return key;
    }

    private static string? Decision(SubscribeStatus status) => status switch
    {
        SubscribeStatus.Accept => SubscriptionDecisions.Accept,
        SubscribeStatus.Reject => SubscriptionDecisions.Reject,
        _ => null,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "WeChat push names template id {TemplateId}, which no WeChat__Templates__* setting has")]
    private static partial void LogUnknownTemplate(ILogger logger, string templateId);
}
