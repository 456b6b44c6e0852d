using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using GongTongDizao.Core.Features.Attachments;
using GongTongDizao.Core.Features.Identity;
using GongTongDizao.WeChat;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>What the push endpoint answers: a status and a short text body (WeChat expects text, not JSON).</summary>
public sealed record PushAnswer(int Status, string Text)
{
    public static PushAnswer Success { get; } = new(StatusCodes.Status200OK, "success");
}

/// <summary>
/// The WeChat message-push endpoint: GET verification, and POSTed events checked by signature and timestamp (safe
/// mode: decrypted and AppID-checked by <see cref="WeChatPushCodec"/>), deduplicated (WeChat retries 3 times) and
/// handled inline because each is a few point writes: popup and change events reconcile quotas, sent events confirm
/// delivery records, media-check verdicts go to the Attachments feature. The dedupe key contains the openid, so only
/// its hash is stored.
/// </summary>
public sealed partial class HandleWeChatPush(
    WeChatPushCodec codec,
    CosmosClient cosmos,
    UserStore users,
    SubscriptionQuotas quotas,
    TemplateCatalogue catalogue,
    DeliverNotification deliveries,
    IEnumerable<IMediaCheckVerdictHandler> mediaCheckHandlers,
    ILogger<HandleWeChatPush> logger)
{
    private static readonly int s_dedupeTtl = (int)TimeSpan.FromDays(7).TotalSeconds;
    private readonly Container _dedupe = cosmos.GetContainer(StoreNames.Database, StoreNames.Containers.Dedupe);
    private readonly Container _notifications = cosmos.GetContainer(StoreNames.Database, StoreNames.Containers.Notifications);

    public PushAnswer Verify(string? signature, string? timestamp, string? nonce, string? echostr) =>
        codec.VerifyEndpoint(signature, timestamp, nonce, echostr) is { } echo ? new PushAnswer(StatusCodes.Status200OK, echo) : new PushAnswer(StatusCodes.Status401Unauthorized, "invalid signature");

    public async Task<PushAnswer> HandleAsync(WeChatPushRequest request, CancellationToken cancellationToken)
    {
        var read = codec.Read(request);
        if (!read.IsAccepted)
        {
            return read.Status switch
            {
                WeChatPushStatus.MissingParameters or WeChatPushStatus.MalformedBody => new PushAnswer(StatusCodes.Status400BadRequest, "bad request"),
                WeChatPushStatus.EncryptionNotConfigured => new PushAnswer(StatusCodes.Status500InternalServerError, "not configured"),
                _ => new PushAnswer(StatusCodes.Status401Unauthorized, "invalid signature"),
            };
        }

        var pushEvent = read.Event!;
        var marker = new DedupeMarker { Id = "wxpush~" + Hash(pushEvent.DedupeKey), Ttl = s_dedupeTtl };
        try
        {
            await _dedupe.CreateItemAsync(marker, new PartitionKey(marker.Id), new ItemRequestOptions { EnableContentResponseOnWrite = false }, cancellationToken);
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.Conflict)
        {
            return PushAnswer.Success;
        }

        try
        {
            await DispatchAsync(pushEvent, cancellationToken);
        }
        catch
        {
            // Let WeChat's retry do it again.
            await _dedupe.DeleteItemAsync<DedupeMarker>(marker.Id, new PartitionKey(marker.Id), cancellationToken: CancellationToken.None);
            throw;
        }

        return PushAnswer.Success;
    }

    private async Task DispatchAsync(WeChatPushEvent pushEvent, CancellationToken cancellationToken)
    {
        switch (pushEvent)
        {
            case MediaCheckEvent verdict:
                foreach (var handler in mediaCheckHandlers)
                {
                    await handler.HandleAsync(verdict, cancellationToken);
                }

                break;
            case SubscribePopupEvent popup:
                foreach (var item in popup.Items)
                {
                    if (Decision(item.Status) is { } decision && KeyOf(item.TemplateId) is { } key)
                    {
                        if (await UserOfAsync(popup, cancellationToken) is { } user)
                        {
                            await quotas.RecordAsync(user, key, decision, DecisionSource.Push, cancellationToken);
                        }
                    }
                }

                break;
            case SubscribeChangeEvent change:
                foreach (var item in change.Items)
                {
                    // Turning a template off in settings means no send will get through, whatever was counted.
                    var decision = item.Status == SubscribeStatus.Reject ? SubscriptionDecisions.Ban : item.Status == SubscribeStatus.Accept ? SubscriptionDecisions.Accept : null;
                    if (decision is not null && KeyOf(item.TemplateId) is { } key)
                    {
                        if (await UserOfAsync(change, cancellationToken) is { } user)
                        {
                            await quotas.RecordAsync(user, key, decision, DecisionSource.Push, cancellationToken);
                        }
                    }
                }

                break;
            case SubscribeSentEvent sent:
                foreach (var item in sent.Items.Where(i => !string.IsNullOrEmpty(i.MsgId)))
                {
                    if (await UserOfAsync(sent, cancellationToken) is { } user)
                    {
                        await ConfirmAsync(user, item, cancellationToken);
                    }
                }

                break;
            default:
                LogIgnored(logger, pushEvent.EventName ?? pushEvent.MsgType);
                break;
        }
    }

    /// <summary>Marks the delivery record with WeChat's own report of the send (matched by msgid in the person's partition).</summary>
    private async Task ConfirmAsync(string userId, SubscribeSentItem item, CancellationToken cancellationToken)
    {
        var query = new QueryDefinition("SELECT c.id FROM c WHERE c.userId = @u AND c.kind = @k AND c.msgId = @m")
            .WithParameter("@u", userId).WithParameter("@k", NotificationKinds.Delivery).WithParameter("@m", item.MsgId);
        using var feed = _notifications.GetItemQueryIterator<DedupeMarker>(query, requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(userId) });
        var matched = false;
        while (feed.HasMoreResults)
        {
            foreach (var record in await feed.ReadNextAsync(cancellationToken))
            {
                matched = true;
                await _notifications.PatchItemAsync<DeliveryRecord>(
                    record.Id,
                    new PartitionKey(userId),
                    [PatchOperation.Set("/confirmed", item.Delivered), PatchOperation.Set("/errCode", item.ErrorCode)],
                    new PatchItemRequestOptions { EnableContentResponseOnWrite = false },
                    cancellationToken);
            }
        }

        // No record knows this msgid: the send whose answer never reached us (a timeout) went out after all.
        if (!matched && item is { Delivered: true, MsgId: { } msgId } && KeyOf(item.TemplateId) is { } key)
        {
            await deliveries.ConfirmTimedOutSendAsync(userId, key, msgId, cancellationToken);
        }
    }

    /// <summary>The account the event's openid signs in to; null for a person we do not know (or who deleted their account).</summary>
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

    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    [LoggerMessage(Level = LogLevel.Information, Message = "WeChat push {EventName} needs nothing from us")]
    private static partial void LogIgnored(ILogger logger, string? eventName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WeChat push names template id {TemplateId}, which no WeChat__Templates__* setting has")]
    private static partial void LogUnknownTemplate(ILogger logger, string templateId);

    private sealed record DedupeMarker
    {
        [JsonPropertyName("id")]
        public required string Id { get; init; }

        public int? Ttl { get; init; }
    }
}
