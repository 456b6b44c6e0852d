using GongTongDizao.Core.Features.Notifications;
using NSubstitute;

namespace GongTongDizao.Core.Tests.Notifications;

/// <summary>
/// The fan-out's look at a recipient's quota before queuing a delivery: a person without any quota for a one-time
/// template is recorded skipped at once and needs no message; anyone else gets the message, marked when a quota was seen.
/// </summary>
public sealed class SettleWithoutQuotaTests
{
    private readonly DeliveryFakes _fakes = new();

    [Fact]
    public async Task A_person_without_any_quota_is_recorded_skipped_once_counted_and_needs_no_message()
    {
        _fakes.Quotas.FindAsync("u1", "letterAccepted", Arg.Any<CancellationToken>()).Returns((QuotaDocument?)null);

        var left = await _fakes.Claim.SettleWithoutQuotaAsync(DeliveryFakes.Message(), CancellationToken.None);

        Assert.Null(left);
        await _fakes.Deliveries.Received(1).TryCreateAsync(
            Arg.Is<DeliveryRecord>(r => r.Status == DeliveryStatus.Skipped && r.Reason == "no_quota" && r.UserId == "u1" && r.Id == NotificationKinds.DeliveryId("e1") && r.LeaseUntil == null),
            Arg.Any<CancellationToken>());
        Assert.Equal(["count=1 outcome=skipped templateKey=letterAccepted"], _fakes.Counted("NotificationDelivery"));
    }

    [Fact]
    public async Task When_the_record_exists_already_nothing_is_counted_and_no_message_is_needed()
    {
        _fakes.Quotas.FindAsync("u1", "letterAccepted", Arg.Any<CancellationToken>()).Returns((QuotaDocument?)null);
        _fakes.Deliveries.TryCreateAsync(Arg.Any<DeliveryRecord>(), Arg.Any<CancellationToken>()).Returns((DeliveryRecord?)null);

        var left = await _fakes.Claim.SettleWithoutQuotaAsync(DeliveryFakes.Message(), CancellationToken.None);

        Assert.Null(left);
        Assert.Empty(_fakes.Telemetry.Events);
    }

    [Fact]
    public async Task A_person_with_a_quota_document_gets_the_message_marked_so_the_claim_does_not_read_it_again()
    {
        _fakes.Quotas.FindAsync("u1", "letterAccepted", Arg.Any<CancellationToken>())
            .Returns(new QuotaDocument { Id = NotificationKinds.QuotaId("letterAccepted"), UserId = "u1", TemplateKey = "letterAccepted", Remaining = 0 });

        var left = await _fakes.Claim.SettleWithoutQuotaAsync(DeliveryFakes.Message(), CancellationToken.None);

        Assert.Equal(DeliveryFakes.Message() with { QuotaSeen = true, Content = null! }, left! with { Content = null! });
        await _fakes.Deliveries.DidNotReceiveWithAnyArgs().TryCreateAsync(default!, default);
        Assert.Empty(_fakes.Telemetry.Events);
    }

    [Fact]
    public async Task A_long_term_template_needs_no_quota_so_the_message_goes_as_it_is()
    {
        _fakes.Settings.LongTermTemplates.Add("letterAccepted");

        var left = await _fakes.Claim.SettleWithoutQuotaAsync(DeliveryFakes.Message(), CancellationToken.None);

        Assert.False(left!.QuotaSeen);
        await _fakes.Quotas.DidNotReceiveWithAnyArgs().FindAsync(default!, default!, default);
        await _fakes.Deliveries.DidNotReceiveWithAnyArgs().TryCreateAsync(default!, default);
    }
}
