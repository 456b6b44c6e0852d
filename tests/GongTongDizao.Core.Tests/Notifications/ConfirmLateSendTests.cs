using GongTongDizao.Core.Features.Notifications;
using GongTongDizao.WeChat;
using NSubstitute;

namespace GongTongDizao.Core.Tests.Notifications;

/// <summary>WeChat's late confirmation (subscribe_msg_sent_event) against a fake delivery store.</summary>
public sealed class ConfirmLateSendTests
{
    private readonly DeliveryFakes _fakes = new();

    private ConfirmLateSend Confirm => new(_fakes.Deliveries, _fakes.Outcomes(), _fakes.Time);

    [Fact]
    public async Task A_report_on_a_known_message_is_written_on_its_record_without_looking_up_the_template()
    {
        _fakes.Deliveries.IdsWithMsgIdAsync("u1", "m1", Arg.Any<CancellationToken>()).Returns(["delivery~e1"]);
        var asked = false;

        await Confirm.ConfirmAsync("u1", new SubscribeSentItem("t1", "m1", 0, "success"), () => { asked = true; return "letterAccepted"; }, CancellationToken.None);

        await _fakes.Deliveries.Received(1).SetConfirmationAsync("u1", "delivery~e1", true, 0, Arg.Any<CancellationToken>());
        Assert.False(asked);
    }

    [Fact]
    public async Task A_report_on_an_unknown_message_finishes_the_oldest_timed_out_delivery_nobody_is_retrying()
    {
        var now = _fakes.Time.GetUtcNow();
        var oldest = DeliveryFakes.Pending() with { Id = "delivery~old", Reason = "retry:timeout", UpdatedAt = now.AddMinutes(-5) };
        var leased = DeliveryFakes.Pending(leaseUntil: now.AddMinutes(1)) with { Id = "delivery~leased", Reason = "retry:timeout", UpdatedAt = now.AddMinutes(-9) };
        var newer = DeliveryFakes.Pending() with { Id = "delivery~new", Reason = "retry:network", UpdatedAt = now.AddMinutes(-1) };
        _fakes.Deliveries.IdsWithMsgIdAsync("u1", "m1", Arg.Any<CancellationToken>()).Returns([]);
        _fakes.Deliveries.PendingWithReasonAsync("u1", "letterAccepted", Arg.Any<IReadOnlyList<string>>(), Arg.Any<CancellationToken>()).Returns([newer, leased, oldest]);

        await Confirm.ConfirmAsync("u1", new SubscribeSentItem("t1", "m1", 0, "success"), () => "letterAccepted", CancellationToken.None);

        await _fakes.Deliveries.Received(1).TrySaveAsync(Arg.Is<DeliveryRecord>(r => r.Id == "delivery~old" && r.Status == DeliveryStatus.Sent && r.Confirmed == true && r.MsgId == "m1"), Arg.Any<CancellationToken>());
        Assert.Equal(["count=1 outcome=sent templateKey=letterAccepted"], _fakes.Counted("NotificationDelivery"));
    }

    [Fact]
    public async Task Without_a_waiting_delivery_nothing_is_confirmed()
    {
        _fakes.Deliveries.PendingWithReasonAsync("u1", "letterAccepted", Arg.Any<IReadOnlyList<string>>(), Arg.Any<CancellationToken>()).Returns([]);

        Assert.False(await Confirm.ConfirmTimedOutSendAsync("u1", "letterAccepted", "m1", CancellationToken.None));
        await _fakes.Deliveries.DidNotReceiveWithAnyArgs().TrySaveAsync(default!, default);
    }

    [Fact]
    public async Task A_failed_report_on_an_unknown_message_finishes_nothing()
    {
        _fakes.Deliveries.IdsWithMsgIdAsync("u1", "m1", Arg.Any<CancellationToken>()).Returns([]);

        await Confirm.ConfirmAsync("u1", new SubscribeSentItem("t1", "m1", 43101, "failed"), () => "letterAccepted", CancellationToken.None);

        await _fakes.Deliveries.DidNotReceiveWithAnyArgs().PendingWithReasonAsync(default!, default!, default!, default);
    }
}
