using System.Globalization;
using System.Net;
using GongTongDizao.Core.Features.Identity;
using GongTongDizao.Core.Telemetry;
using GongTongDizao.WeChat;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>
/// The <c>deliveries</c> queue consumer: sends one subscribe message if the person has a quota for it.
/// <list type="bullet">
/// <item>A delivery record is created (pending, leased) before anything else; a record that is final, or leased by
/// another handler, means this message is a duplicate and nothing happens.</item>
/// <item>One quota unit is taken once per delivery, however often the send is retried.</item>
/// <item>43101 → skipped and the quota reset; 47003 and other rejections → failed (47003 logged as a bug) and the unit
/// given back; -1, timeouts and network failures → retried with a doubling delay (a new delayed message), failed after
/// <see cref="NotificationsOptions.MaxSendAttempts"/>; 45009 → deferred to the next Beijing midnight, still pending.</item>
/// <item>Anything unexpected propagates (the queue retries, then poisons) after the reason is written on the record.</item>
/// </list>
/// </summary>
public sealed partial class DeliverNotification(
    CosmosClient cosmos,
    SubscriptionQuotas quotas,
    UserStore users,
    WeChatClient wechat,
    TemplateCatalogue catalogue,
    DeliveryQueue queue,
    AppEvents telemetry,
    IOptions<NotificationsOptions> options,
    TimeProvider time,
    ILogger<DeliverNotification> logger)
{
    /// <summary>How long a handler owns a pending record; longer than a WeChat call with its retries.</summary>
    public static readonly TimeSpan LeaseTime = TimeSpan.FromMinutes(2);

    /// <summary>Retries after which WeChat may have sent the message although we saw no answer.</summary>
    private static readonly string[] s_ambiguousReasons = ["retry:timeout", "retry:network"];
    private readonly Container _container = cosmos.GetContainer(StoreNames.Database, StoreNames.Containers.Notifications);

    /// <summary>The record as this handler left it, or null when the message was a duplicate.</summary>
    public async Task<DeliveryRecord?> HandleAsync(DeliveryMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (await TrySkipWithoutQuotaAsync(message, cancellationToken) is { } skipped)
        {
            return skipped;
        }

        if (await ClaimAsync(message, cancellationToken) is not { } record)
        {
            return null;
        }

        try
        {
            return await DeliverAsync(message, record, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The queue will retry and finally poison the message; the record says why, and its lease is released.
            await TryRecordErrorAsync(record, "error:" + ex.GetType().Name, CancellationToken.None);
            throw;
        }
    }

    /// <summary>
    /// WeChat's own report (<c>subscribe_msg_sent_event</c>) of a message whose send we gave up waiting for: the
    /// timed-out delivery of that template to that person went out after all, so it is final now and its delayed
    /// retry finds nothing to do instead of sending the message twice. False when no such delivery is waiting.
    /// </summary>
    public async Task<bool> ConfirmTimedOutSendAsync(string userId, string templateKey, string msgId, CancellationToken cancellationToken)
    {
        var query = new QueryDefinition("SELECT * FROM c WHERE c.userId = @u AND c.kind = @k AND c.templateKey = @t AND c.status = 'pending' AND ARRAY_CONTAINS(@reasons, c.reason)")
            .WithParameter("@u", userId).WithParameter("@k", NotificationKinds.Delivery).WithParameter("@t", templateKey)
            .WithParameter("@reasons", s_ambiguousReasons);
        var waiting = new List<DeliveryRecord>();
        using (var feed = _container.GetItemQueryIterator<DeliveryRecord>(query, requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(userId) }))
        {
            while (feed.HasMoreResults)
            {
                waiting.AddRange(await feed.ReadNextAsync(cancellationToken));
            }
        }

        // The oldest attempt is the one WeChat is reporting on; a record leased right now is being retried, and
        // whatever that retry does is final.
        var now = time.GetUtcNow();
        if (waiting.Where(r => r.LeaseUntil is null || r.LeaseUntil < now).MinBy(r => r.UpdatedAt) is not { } record)
        {
            return false;
        }

        try
        {
            await FinishAsync(record with { MsgId = msgId, Confirmed = true }, DeliveryStatus.Sent, null, cancellationToken);
            return true;
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.PreconditionFailed)
        {
            return false;
        }
    }

    /// <summary>The next midnight in Beijing (UTC+8, no daylight saving), when WeChat's daily quota resets.</summary>
    public static DateTimeOffset NextBeijingMidnight(DateTimeOffset now) => ChinaTime.NextMidnight(now);

    /// <summary>Delay before try <paramref name="nextAttempt"/> (2, 3, …): the base delay, doubled each time.</summary>
    public static TimeSpan RetryDelay(TimeSpan baseDelay, int nextAttempt) =>
        TimeSpan.FromTicks(baseDelay.Ticks * (1L << Math.Clamp(nextAttempt - 2, 0, 20)));

    private async Task<DeliveryRecord> DeliverAsync(DeliveryMessage message, DeliveryRecord record, CancellationToken cancellationToken)
    {
        var templateId = catalogue.TemplateIdOf(message.TemplateKey);
        if (!record.QuotaTaken)
        {
            if (templateId is null)
            {
                LogTemplateNotConfigured(logger, message.TemplateKey);
                return await FinishAsync(record, DeliveryStatus.Skipped, "template_not_configured", cancellationToken);
            }

            if (!await quotas.TryTakeAsync(message.UserId, message.TemplateKey, cancellationToken))
            {
                return await FinishAsync(record, DeliveryStatus.Skipped, "no_quota", cancellationToken);
            }

            record = await SaveAsync(record with { QuotaTaken = true }, cancellationToken);
        }

        var user = await users.FindAsync(message.UserId, cancellationToken);
        if (templateId is null || user is null || string.IsNullOrEmpty(user.OpenId))
        {
            await quotas.RefundAsync(message.UserId, message.TemplateKey, cancellationToken);
            return await FinishAsync(record, DeliveryStatus.Skipped, templateId is null ? "template_not_configured" : "no_user", cancellationToken);
        }

        var definition = TemplateCatalogue.Definitions[message.TemplateKey];
        var subscribeMessage = new SubscribeMessage(user.OpenId, templateId, TemplateCatalogue.BuildData(definition, templateId, message.Content)) { Page = message.Page };
        var attempts = record.Attempts + 1;
        SubscribeSendResult result;
        try
        {
            result = await wechat.SendSubscribeMessageAsync(subscribeMessage, cancellationToken);
        }
        catch (WeChatApiException ex) when (ex.Classification is WeChatErrorClassification.RetryNow or WeChatErrorClassification.RetryLater or WeChatErrorClassification.RefreshTokenAndRetryOnce)
        {
            return await RetryAsync(message, record, attempts, ex.ErrCode.ToString(CultureInfo.InvariantCulture), certainlyNotSent: true, cancellationToken);
        }
        catch (WeChatApiException ex)
        {
            telemetry.WeChatSendFailed(message.TemplateKey, ex.ErrCode.ToString(CultureInfo.InvariantCulture));
            await quotas.RefundAsync(message.UserId, message.TemplateKey, cancellationToken);
            return await FinishAsync(record with { Attempts = attempts, ErrCode = ex.ErrCode }, DeliveryStatus.Failed, "errcode_" + ex.ErrCode.ToString(CultureInfo.InvariantCulture), cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return await RetryAsync(message, record, attempts, ex is HttpRequestException ? "network" : "timeout", certainlyNotSent: false, cancellationToken);
        }

        record = record with { Attempts = attempts, ErrCode = result.ErrCode == 0 ? null : result.ErrCode };
        switch (result.Outcome)
        {
            case SubscribeSendOutcome.Sent:
                return await FinishAsync(record with { MsgId = result.MsgId }, DeliveryStatus.Sent, null, cancellationToken);
            case SubscribeSendOutcome.NoQuota:
                telemetry.WeChatSendFailed(message.TemplateKey, result.ErrCode.ToString(CultureInfo.InvariantCulture));
                await quotas.ResetAsync(message.UserId, message.TemplateKey, cancellationToken);
                return await FinishAsync(record, DeliveryStatus.Skipped, "refused", cancellationToken);
            case SubscribeSendOutcome.DailyLimitReached:
                telemetry.WeChatSendFailed(message.TemplateKey, result.ErrCode.ToString(CultureInfo.InvariantCulture));
                return await DeferAsync(message, record, NextBeijingMidnight(time.GetUtcNow()), "daily_limit", cancellationToken);
            case SubscribeSendOutcome.InvalidData:
                // Our data broke WeChat's rules although the builder checked it: a bug in the catalogue or the rules.
                LogInvalidData(logger, message.TemplateKey, result.InvalidField, result.ErrMsg);
                break;
            default:
                break;
        }

        telemetry.WeChatSendFailed(message.TemplateKey, result.ErrCode.ToString(CultureInfo.InvariantCulture));
        await quotas.RefundAsync(message.UserId, message.TemplateKey, cancellationToken);
        var reason = result.Outcome switch
        {
            SubscribeSendOutcome.InvalidData => "invalid_data" + (result.InvalidField is { } field ? ":" + field : string.Empty),
            SubscribeSendOutcome.InvalidOpenId => "invalid_openid",
            SubscribeSendOutcome.InvalidTemplateId => "invalid_template_id",
            SubscribeSendOutcome.InvalidPage => "invalid_page",
            var other => other.ToString(),
        };
        return await FinishAsync(record, DeliveryStatus.Failed, reason, cancellationToken);
    }

    private async Task<DeliveryRecord> RetryAsync(DeliveryMessage message, DeliveryRecord record, int attempts, string errCode, bool certainlyNotSent, CancellationToken cancellationToken)
    {
        telemetry.WeChatSendFailed(message.TemplateKey, errCode);
        if (attempts >= options.Value.MaxSendAttempts)
        {
            if (certainlyNotSent)
            {
                await quotas.RefundAsync(message.UserId, message.TemplateKey, cancellationToken);
            }

            return await FinishAsync(record with { Attempts = attempts }, DeliveryStatus.Failed, "wechat_unavailable:" + errCode, cancellationToken);
        }

        var delay = RetryDelay(options.Value.RetryBaseDelay, attempts + 1);
        LogRetry(logger, message.EventId, message.TemplateKey, errCode, attempts, delay.TotalSeconds);
        return await DeferAsync(message, record with { Attempts = attempts }, time.GetUtcNow() + delay, "retry:" + errCode, cancellationToken);
    }

    /// <summary>Keeps the record pending, releases the lease and queues the same delivery to run again later.</summary>
    private async Task<DeliveryRecord> DeferAsync(DeliveryMessage message, DeliveryRecord record, DateTimeOffset until, string reason, CancellationToken cancellationToken)
    {
        var saved = await SaveAsync(record with { Reason = reason, DeferredUntil = until, LeaseUntil = null }, cancellationToken);
        await queue.SendAsync(message, until - time.GetUtcNow(), cancellationToken);
        return saved;
    }

    private async Task<DeliveryRecord> FinishAsync(DeliveryRecord record, DeliveryStatus status, string? reason, CancellationToken cancellationToken)
    {
        var saved = await SaveAsync(record with { Status = status, Reason = reason, LeaseUntil = null, DeferredUntil = null }, cancellationToken);
        await ReportAsync(saved, cancellationToken);
        return saved;
    }

    /// <summary>Telemetry and the broadcast's counters, once per delivery: only the write that made it final gets here.</summary>
    private async Task ReportAsync(DeliveryRecord record, CancellationToken cancellationToken)
    {
        var outcome = record.Status switch
        {
            DeliveryStatus.Sent => "sent",
            DeliveryStatus.Skipped => "skipped",
            _ => "failed",
        };
        telemetry.NotificationDelivery(outcome, record.TemplateKey);
        if (record.BroadcastId is { } broadcastId)
        {
            await _container.PatchItemAsync<BroadcastDocument>(
                broadcastId,
                new PartitionKey(NotificationKinds.BroadcastPartition(broadcastId)),
                [PatchOperation.Increment("/" + outcome, 1)],
                new PatchItemRequestOptions { EnableContentResponseOnWrite = false },
                cancellationToken);
        }
    }

    /// <summary>
    /// The common case of a large broadcast: no quota at all. Creating the record already final is the claim (a
    /// create succeeds once), so nothing else needs writing; when a record exists, the full path decides.
    /// </summary>
    private async Task<DeliveryRecord?> TrySkipWithoutQuotaAsync(DeliveryMessage message, CancellationToken cancellationToken)
    {
        if (options.Value.IsLongTerm(message.TemplateKey) || await quotas.FindAsync(message.UserId, message.TemplateKey, cancellationToken) is not null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var record = new DeliveryRecord
        {
            Id = NotificationKinds.DeliveryId(message.EventId),
            UserId = message.UserId,
            EventId = message.EventId,
            TemplateKey = message.TemplateKey,
            Status = DeliveryStatus.Skipped,
            Reason = "no_quota",
            BroadcastId = message.BroadcastId,
            CreatedAt = now,
            UpdatedAt = now,
            Ttl = (int)options.Value.DeliveryRetention.TotalSeconds,
        };
        try
        {
            var created = (await _container.CreateItemAsync(record, new PartitionKey(record.UserId), cancellationToken: cancellationToken)).Resource;
            await ReportAsync(created, cancellationToken);
            return created;
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.Conflict)
        {
            return null;
        }
    }

    /// <summary>Creates the pending record, or takes over one nobody is working on; null for a duplicate.</summary>
    private async Task<DeliveryRecord?> ClaimAsync(DeliveryMessage message, CancellationToken cancellationToken)
    {
        var id = NotificationKinds.DeliveryId(message.EventId);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var now = time.GetUtcNow();
            var existing = await FindAsync(message.UserId, id, cancellationToken);
            try
            {
                if (existing is null)
                {
                    var created = new DeliveryRecord
                    {
                        Id = id,
                        UserId = message.UserId,
                        EventId = message.EventId,
                        TemplateKey = message.TemplateKey,
                        Status = DeliveryStatus.Pending,
                        BroadcastId = message.BroadcastId,
                        LeaseUntil = now + LeaseTime,
                        CreatedAt = now,
                        UpdatedAt = now,
                        Ttl = (int)options.Value.DeliveryRetention.TotalSeconds,
                    };
                    return (await _container.CreateItemAsync(created, new PartitionKey(message.UserId), cancellationToken: cancellationToken)).Resource;
                }

                if (existing.Status != DeliveryStatus.Pending || existing.LeaseUntil > now)
                {
                    return null;
                }

                return await SaveAsync(existing with { LeaseUntil = now + LeaseTime }, cancellationToken);
            }
            catch (CosmosException ex) when (ex.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.PreconditionFailed)
            {
                // Another handler got there first: look again.
            }
        }

        return null;
    }

    private async Task<DeliveryRecord?> FindAsync(string userId, string id, CancellationToken cancellationToken)
    {
        try
        {
            return (await _container.ReadItemAsync<DeliveryRecord>(id, new PartitionKey(userId), cancellationToken: cancellationToken)).Resource;
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private async Task<DeliveryRecord> SaveAsync(DeliveryRecord record, CancellationToken cancellationToken) =>
        (await _container.ReplaceItemAsync(record with { ETag = null, UpdatedAt = time.GetUtcNow() }, record.Id, new PartitionKey(record.UserId), new ItemRequestOptions { IfMatchEtag = record.ETag }, cancellationToken)).Resource;

    /// <summary>A patch, not a replace: the handler may have saved the record since it was claimed.</summary>
    private async Task TryRecordErrorAsync(DeliveryRecord record, string reason, CancellationToken cancellationToken)
    {
        try
        {
            await _container.PatchItemAsync<DeliveryRecord>(
                record.Id,
                new PartitionKey(record.UserId),
                [PatchOperation.Set("/reason", reason), PatchOperation.Set<string?>("/leaseUntil", null)],
                new PatchItemRequestOptions { EnableContentResponseOnWrite = false },
                cancellationToken);
        }
        catch (CosmosException ex)
        {
            LogRecordNotSaved(logger, record.Id, (int)ex.StatusCode);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "WeChat rejected subscribe data of template {TemplateKey} (47003), field {Field}: {ErrMsg}. The catalogue or the value rules are wrong")]
    private static partial void LogInvalidData(ILogger logger, string templateKey, string? field, string errMsg);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No WeChat template id is configured for {TemplateKey} (WeChat__Templates__{TemplateKey}); the notification stays in the inbox only")]
    private static partial void LogTemplateNotConfigured(ILogger logger, string templateKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {EventId} ({TemplateKey}) failed with {ErrCode} on try {Attempt}; next try in {DelaySeconds} s")]
    private static partial void LogRetry(ILogger logger, string eventId, string templateKey, string errCode, int attempt, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the failure on delivery {Id} (HTTP {Status})")]
    private static partial void LogRecordNotSaved(ILogger logger, string id, int status);
}
