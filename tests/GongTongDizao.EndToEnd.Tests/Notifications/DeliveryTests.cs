using GongTongDizao.Core.Auth;
using GongTongDizao.Core.Features.Identity;
using GongTongDizao.Core.Features.Notifications;
using GongTongDizao.Testing;
using GongTongDizao.WeChat.Simulator;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.EndToEnd.Tests.Notifications;

/// <summary>Deliveries against this host's WeChat simulator and its injected faults (handlers called directly; see the fixture).</summary>
[Collection(NotificationsCollection.Name)]
public sealed class DeliveryTests(NotificationsFixture host)
{
    private DeliverNotification Deliver => host.Services.GetRequiredService<DeliverNotification>();

    private SubscriptionQuotas Quotas => host.Services.GetRequiredService<SubscriptionQuotas>();

    [Fact]
    public async Task A_person_with_a_quota_gets_the_message_with_the_catalogue_data_and_page()
    {
        var user = await host.CreateUserAsync();
        await host.GrantAsync(user, "letterAccepted", 1);

        var record = await Deliver.HandleAsync(NotificationsFixture.Delivery(user), CancellationToken.None);

        Assert.Equal(DeliveryStatus.Sent, record!.Status);
        Assert.NotNull(record.MsgId);
        var sent = Assert.Single(host.Simulator.State.SentMessages, m => m.ToOpenId == user.OpenId);
        Assert.Equal("local-letterAccepted", sent.TemplateId);
        Assert.Equal("pages/letters/detail?id=L1", sent.Page);
        Assert.Equal("小区路灯坏了", sent.Data["thing1"]);
        Assert.Equal("已受理", sent.Data["phrase2"]);
        Assert.Equal(0, (await Quotas.FindAsync(user.Id, "letterAccepted", CancellationToken.None))!.Remaining);
        Assert.Contains(host.Logs.Lines, l => l.Contains("NotificationDelivery outcome=sent templateKey=letterAccepted count=1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_a_quota_nothing_is_sent_and_the_delivery_is_skipped()
    {
        var user = await host.CreateUserAsync();

        var record = await Deliver.HandleAsync(NotificationsFixture.Delivery(user), CancellationToken.None);

        Assert.Equal(DeliveryStatus.Skipped, record!.Status);
        Assert.Equal("no_quota", record.Reason);
        Assert.DoesNotContain(host.Simulator.State.SentMessages, m => m.ToOpenId == user.OpenId);
    }

    [Fact]
    public async Task Twenty_concurrent_deliveries_spend_each_unit_exactly_once()
    {
        var user = await host.CreateUserAsync();
        await host.GrantAsync(user, "letterReplied", 5, simulatorUnits: 20);

        var records = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => Deliver.HandleAsync(NotificationsFixture.Delivery(user, "letterReplied"), CancellationToken.None))));

        Assert.Equal(5, records.Count(r => r!.Status == DeliveryStatus.Sent));
        Assert.Equal(15, records.Count(r => r!.Status == DeliveryStatus.Skipped && r.Reason == "no_quota"));
        Assert.Equal(5, host.Simulator.State.SentMessages.Count(m => m.ToOpenId == user.OpenId));
        Assert.Equal(0, (await Quotas.FindAsync(user.Id, "letterReplied", CancellationToken.None))!.Remaining);
    }

    [Fact]
    public async Task The_same_message_delivered_twice_sends_once()
    {
        var user = await host.CreateUserAsync();
        await host.GrantAsync(user, "letterAccepted", 3);
        var message = NotificationsFixture.Delivery(user);

        var concurrent = await Task.WhenAll(Deliver.HandleAsync(message, CancellationToken.None), Deliver.HandleAsync(message, CancellationToken.None));
        var later = await Deliver.HandleAsync(message, CancellationToken.None);

        Assert.Single(concurrent, r => r is not null);
        Assert.Null(later);
        Assert.Single(host.Simulator.State.SentMessages, m => m.ToOpenId == user.OpenId);
        Assert.Equal(2, (await Quotas.FindAsync(user.Id, "letterAccepted", CancellationToken.None))!.Remaining);
    }

    [Fact]
    public async Task Errcode_43101_skips_and_resets_the_quota()
    {
        var user = await host.CreateUserAsync();
        await host.GrantAsync(user, "letterAccepted", 3, simulatorUnits: 0);

        var record = await Deliver.HandleAsync(NotificationsFixture.Delivery(user), CancellationToken.None);

        Assert.Equal(DeliveryStatus.Skipped, record!.Status);
        Assert.Equal("refused", record.Reason);
        Assert.Equal(0, (await Quotas.FindAsync(user.Id, "letterAccepted", CancellationToken.None))!.Remaining);
        Assert.Contains(host.Logs.Lines, l => l.Contains("WeChatSendFailed templateKey=letterAccepted errCode=43101", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Errcode_47003_fails_is_logged_as_a_bug_and_gives_the_unit_back()
    {
        var user = await host.CreateUserAsync();
        await host.GrantAsync(user, "letterAccepted", 1);
        host.Simulator.State.AddFault(new SimulatorFault(SimulatorApis.SubscribeSend, ErrCode: 47003));

        var record = await Deliver.HandleAsync(NotificationsFixture.Delivery(user), CancellationToken.None);

        Assert.Equal(DeliveryStatus.Failed, record!.Status);
        Assert.StartsWith("invalid_data", record.Reason, StringComparison.Ordinal);
        Assert.Equal(1, (await Quotas.FindAsync(user.Id, "letterAccepted", CancellationToken.None))!.Remaining);
        Assert.Contains(host.Logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("47003", StringComparison.Ordinal) && l.Contains("letterAccepted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Errcode_minus_1_is_retried_later_and_the_retry_sends_without_a_second_unit()
    {
        var user = await host.CreateUserAsync();
        await host.GrantAsync(user, "letterAccepted", 2);
        host.Simulator.State.AddFault(new SimulatorFault(SimulatorApis.SubscribeSend, ErrCode: -1));
        var message = NotificationsFixture.Delivery(user);

        var first = await Deliver.HandleAsync(message, CancellationToken.None);

        Assert.Equal(DeliveryStatus.Pending, first!.Status);
        Assert.Equal("retry:-1", first.Reason);
        Assert.Equal(1, first.Attempts);
        Assert.InRange(first.DeferredUntil!.Value - host.Clock.GetUtcNow(), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(61));

        // The delayed queue message would do this a minute later.
        var second = await Deliver.HandleAsync(message, CancellationToken.None);

        Assert.Equal(DeliveryStatus.Sent, second!.Status);
        Assert.Equal(2, second.Attempts);
        Assert.Equal(1, (await Quotas.FindAsync(user.Id, "letterAccepted", CancellationToken.None))!.Remaining);
    }

    [Fact]
    public async Task A_burst_of_40001_refreshes_the_token_retries_later_and_sends_once()
    {
        var user = await host.CreateUserAsync();
        await host.GrantAsync(user, "letterAccepted", 1);
        // Three rejections in a row: the client's one refresh-and-retry meets the second, the later retry the third.
        host.Simulator.State.AddFault(new SimulatorFault(SimulatorApis.SubscribeSend, ErrCode: 40001, Count: 3));
        var message = NotificationsFixture.Delivery(user);

        var first = await Deliver.HandleAsync(message, CancellationToken.None);
        var second = await Deliver.HandleAsync(message, CancellationToken.None);

        Assert.Equal(DeliveryStatus.Pending, first!.Status);
        Assert.Equal("retry:40001", first.Reason);
        Assert.Equal(DeliveryStatus.Sent, second!.Status);
        Assert.Equal(2, second.Attempts);
        Assert.Single(host.Simulator.State.SentMessages, m => m.ToOpenId == user.OpenId);
        Assert.Equal(0, (await Quotas.FindAsync(user.Id, "letterAccepted", CancellationToken.None))!.Remaining);
    }

    [Fact]
    public async Task A_timeout_is_retried_later()
    {
        var user = await host.CreateUserAsync();
        // The slow first send still goes through at the simulator after we gave up, so it holds two units.
        await host.GrantAsync(user, "letterAccepted", 1, simulatorUnits: 2);
        host.Simulator.State.AddFault(new SimulatorFault(SimulatorApis.SubscribeSend, DelayMs: 3000));
        var message = NotificationsFixture.Delivery(user);

        var first = await Deliver.HandleAsync(message, CancellationToken.None);

        Assert.Equal(DeliveryStatus.Pending, first!.Status);
        Assert.Equal("retry:timeout", first.Reason);
        var second = await Deliver.HandleAsync(message, CancellationToken.None);
        Assert.Equal(DeliveryStatus.Sent, second!.Status);
        Assert.Equal(2, second.Attempts);
    }

    [Fact]
    public async Task A_timed_out_send_that_WeChat_reports_as_sent_is_not_sent_again_by_its_retry()
    {
        // WeChat's push names the person by openid, so this one's openid is linked to the account as a login would.
        var openId = "o" + Guid.NewGuid().ToString("N");
        var user = await host.CreateLinkedAsync(new UserAccount { Id = UserIds.NewId(), OpenId = openId, CreatedAt = host.Time.GetUtcNow() });
        await host.GrantAsync(user, "letterAccepted", 1, simulatorUnits: 2);
        host.Simulator.State.AddFault(new SimulatorFault(SimulatorApis.SubscribeSend, DelayMs: 3000));
        var message = NotificationsFixture.Delivery(user);
        host.Simulator.Options.PushSentEvents = true;
        try
        {
            var first = await Deliver.HandleAsync(message, CancellationToken.None);
            Assert.Equal(DeliveryStatus.Pending, first!.Status);
            Assert.Equal("retry:timeout", first.Reason);

            // WeChat acts on the send after we gave up and reports it through the push endpoint.
            DeliveryRecord? confirmed = null;
            await Eventually.TrueAsync(async () => (confirmed = await host.DeliveryAsync(user.Id, message.EventId))?.Status == DeliveryStatus.Sent, TimeSpan.FromSeconds(30));
            var retry = await Deliver.HandleAsync(message, CancellationToken.None);

            Assert.True(confirmed!.Confirmed);
            Assert.Equal(Assert.Single(host.Simulator.State.SentMessages, m => m.ToOpenId == user.OpenId).MsgId, confirmed.MsgId);
            Assert.Null(retry);
            Assert.Single(host.Simulator.State.SentMessages, m => m.ToOpenId == user.OpenId);
            Assert.Equal(0, (await Quotas.FindAsync(user.Id, "letterAccepted", CancellationToken.None))!.Remaining);
        }
        finally
        {
            host.Simulator.Options.PushSentEvents = false;
        }
    }

    [Fact]
    public async Task Errcode_45009_defers_the_delivery_to_the_next_Beijing_midnight()
    {
        var user = await host.CreateUserAsync();
        await host.GrantAsync(user, "letterAccepted", 1);
        host.Simulator.State.AddFault(new SimulatorFault(SimulatorApis.SubscribeSend, ErrCode: 45009));
        // The handler and the test read the fixture's clock, not the wall clock. A Beijing midnight about to pass
        // (16:00 UTC) is stepped over first, so both see the same day whatever the hour the suite runs at.
        if (DeliverNotification.NextBeijingMidnight(host.Clock.GetUtcNow()) - host.Clock.GetUtcNow() < TimeSpan.FromMinutes(1))
        {
            host.Clock.Advance(TimeSpan.FromMinutes(2));
        }

        var now = host.Clock.GetUtcNow();

        var record = await Deliver.HandleAsync(NotificationsFixture.Delivery(user), CancellationToken.None);

        Assert.Equal(DeliveryStatus.Pending, record!.Status);
        Assert.Equal("daily_limit", record.Reason);
        Assert.Equal(DeliverNotification.NextBeijingMidnight(now), record.DeferredUntil);
        Assert.Null(record.LeaseUntil);
        Assert.DoesNotContain(host.Simulator.State.SentMessages, m => m.ToOpenId == user.OpenId);
    }

    [Fact]
    public async Task A_long_term_template_sends_every_time_after_one_accept()
    {
        var user = await host.CreateUserAsync();
        await Quotas.RecordAsync(user.Id, "topicDecided", SubscriptionDecisions.Accept, DecisionSource.Client, CancellationToken.None);
        host.Simulator.State.GrantQuota(user.OpenId, "local-topicDecided", 0, longTerm: true);

        var first = await Deliver.HandleAsync(NotificationsFixture.Delivery(user, "topicDecided"), CancellationToken.None);
        var second = await Deliver.HandleAsync(NotificationsFixture.Delivery(user, "topicDecided"), CancellationToken.None);

        Assert.Equal(DeliveryStatus.Sent, first!.Status);
        Assert.Equal(DeliveryStatus.Sent, second!.Status);
        Assert.True((await Quotas.FindAsync(user.Id, "topicDecided", CancellationToken.None))!.LongTerm);
    }
}
