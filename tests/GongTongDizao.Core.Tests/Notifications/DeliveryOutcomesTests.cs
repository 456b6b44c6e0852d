using GongTongDizao.Core.Features.Notifications;
using GongTongDizao.WeChat;
using NSubstitute;

namespace GongTongDizao.Core.Tests.Notifications;

/// <summary>Recording the outcome of a try: quota corrections, counters, final or scheduled again.</summary>
public sealed class DeliveryOutcomesTests
{
    private readonly DeliveryFakes _fakes = new();

    [Fact]
    public async Task A_sent_broadcast_delivery_is_saved_final_and_counted_on_the_broadcast()
    {
        var record = await _fakes.Outcomes().RecordAsync(DeliveryFakes.Message("b1"), DeliveryFakes.Pending(leaseUntil: _fakes.Time.GetUtcNow(), broadcastId: "b1"), new SendAnswered(new SubscribeSendResult(SubscribeSendOutcome.Sent, "m1", 0, "ok")), CancellationToken.None);

        Assert.Equal((DeliveryStatus.Sent, "m1"), (record.Status, record.MsgId));
        Assert.Null(record.LeaseUntil);
        Assert.Equal(["count=1 outcome=sent templateKey=letterAccepted"], _fakes.Counted("NotificationDelivery"));
        Assert.Empty(_fakes.Counted("WeChatSendFailed"));
        await _fakes.Broadcasts.Received(1).CountDeliveryAsync("b1", "sent", Arg.Any<CancellationToken>());
        await _fakes.Quotas.DidNotReceiveWithAnyArgs().RefundAsync(default!, default!, default);
    }

    [Fact]
    public async Task Errcode_43101_resets_the_quota_and_counts_a_failed_send_and_a_skip()
    {
        var record = await _fakes.Outcomes().RecordAsync(DeliveryFakes.Message(), DeliveryFakes.Pending(), new SendAnswered(new SubscribeSendResult(SubscribeSendOutcome.NoQuota, null, 43101, "refused")), CancellationToken.None);

        Assert.Equal((DeliveryStatus.Skipped, "refused"), (record.Status, record.Reason));
        await _fakes.Quotas.Received(1).ResetAsync("u1", "letterAccepted", Arg.Any<CancellationToken>());
        Assert.Equal(["errCode=43101 templateKey=letterAccepted"], _fakes.Counted("WeChatSendFailed"));
        Assert.Equal(["count=1 outcome=skipped templateKey=letterAccepted"], _fakes.Counted("NotificationDelivery"));
    }

    [Fact]
    public async Task An_unanswered_send_is_handed_to_retry_scheduling_and_not_counted_as_a_delivery()
    {
        var retries = Substitute.For<DeliveryRetries>(_fakes.Deliveries, _fakes.Queue, _fakes.Options, _fakes.Time, Microsoft.Extensions.Logging.Abstractions.NullLogger<DeliveryRetries>.Instance);
        var message = DeliveryFakes.Message();

        await _fakes.Outcomes(retries).RecordAsync(message, DeliveryFakes.Pending(), new SendUnanswered("timeout", CertainlyNotSent: false), CancellationToken.None);

        await retries.Received(1).RetryLaterAsync(message, Arg.Is<DeliveryRecord>(r => r.Attempts == 1), "retry:timeout", "timeout", Arg.Any<CancellationToken>());
        Assert.Equal(["errCode=timeout templateKey=letterAccepted"], _fakes.Counted("WeChatSendFailed"));
        Assert.Empty(_fakes.Counted("NotificationDelivery"));
        await _fakes.Quotas.DidNotReceiveWithAnyArgs().RefundAsync(default!, default!, default);
    }

    [Fact]
    public async Task Finishing_a_record_someone_else_changed_counts_nothing()
    {
        _fakes.Deliveries.TrySaveAsync(Arg.Any<DeliveryRecord>(), Arg.Any<CancellationToken>()).Returns((DeliveryRecord?)null);

        var record = await _fakes.Outcomes().TryFinishAsync(DeliveryFakes.Pending(), DeliveryStatus.Sent, null, CancellationToken.None);

        Assert.Null(record);
        Assert.Empty(_fakes.Telemetry.Events);
    }
}
