using GongTongDizao.Core.Features.Notifications;
using NSubstitute;

namespace GongTongDizao.Core.Tests.Notifications;

/// <summary>The claim step against a fake delivery store: one handler per delivery, lapsed leases taken over.</summary>
public sealed class DeliveryClaimTests
{
    private readonly DeliveryFakes _fakes = new();

    public DeliveryClaimTests() =>
        _fakes.Quotas.FindAsync("u1", "letterAccepted", Arg.Any<CancellationToken>()).Returns(new QuotaDocument { Id = NotificationKinds.QuotaId("letterAccepted"), UserId = "u1", TemplateKey = "letterAccepted", Remaining = 1 });

    [Fact]
    public async Task A_person_without_any_quota_is_skipped_in_one_create_and_counted_once()
    {
        _fakes.Quotas.FindAsync("u1", "letterAccepted", Arg.Any<CancellationToken>()).Returns((QuotaDocument?)null);

        var claim = await _fakes.Claim.ClaimAsync(DeliveryFakes.Message(broadcastId: "b1"), CancellationToken.None);

        Assert.True(claim.Final);
        Assert.Equal((DeliveryStatus.Skipped, "no_quota"), (claim.Record!.Status, claim.Record.Reason));
        Assert.Equal(_fakes.Time.GetUtcNow(), claim.Record.CreatedAt);
        Assert.Equal(["count=1 outcome=skipped templateKey=letterAccepted"], _fakes.Counted("NotificationDelivery"));
        await _fakes.Broadcasts.Received(1).CountDeliveryAsync("b1", "skipped", Arg.Any<CancellationToken>());
        await _fakes.Deliveries.DidNotReceiveWithAnyArgs().FindAsync(default!, default!, default);
    }

    [Fact]
    public async Task Without_a_quota_a_record_that_exists_already_is_a_duplicate_and_counts_nothing()
    {
        _fakes.Quotas.FindAsync("u1", "letterAccepted", Arg.Any<CancellationToken>()).Returns((QuotaDocument?)null);
        _fakes.RecordExists();
        _fakes.Deliveries.FindAsync("u1", NotificationKinds.DeliveryId("e1"), Arg.Any<CancellationToken>()).Returns(DeliveryFakes.Pending() with { Status = DeliveryStatus.Skipped });

        var claim = await _fakes.Claim.ClaimAsync(DeliveryFakes.Message(), CancellationToken.None);

        Assert.Null(claim.Record);
        Assert.Empty(_fakes.Telemetry.Events);
    }

    [Fact]
    public async Task A_new_delivery_is_created_pending_and_leased_for_the_lease_time()
    {
        var claim = await _fakes.Claim.ClaimAsync(DeliveryFakes.Message(), CancellationToken.None);

        Assert.False(claim.Final);
        Assert.Equal(DeliveryStatus.Pending, claim.Record!.Status);
        Assert.Equal(_fakes.Time.GetUtcNow() + DeliveryClaim.LeaseTime, claim.Record.LeaseUntil);
        Assert.Empty(_fakes.Telemetry.Events);
        await _fakes.Deliveries.DidNotReceiveWithAnyArgs().FindAsync(default!, default!, default);
    }

    [Fact]
    public async Task A_one_time_unit_is_taken_with_the_claim_in_one_batch()
    {
        var claim = await _fakes.Claim.ClaimAsync(DeliveryFakes.Message() with { QuotaSeen = true }, CancellationToken.None);

        Assert.Equal((DeliveryStatus.Pending, true, false), (claim.Record!.Status, claim.Record.QuotaTaken, claim.Final));
        await _fakes.Quotas.Received(1).ClaimWithUnitAsync(
            Arg.Is<DeliveryRecord>(r => r.Status == DeliveryStatus.Pending && r.LeaseUntil == _fakes.Time.GetUtcNow() + DeliveryClaim.LeaseTime), "letterAccepted", Arg.Any<CancellationToken>());
        await _fakes.Deliveries.DidNotReceiveWithAnyArgs().TryCreateAsync(default!, default);
    }

    [Fact]
    public async Task Without_a_unit_left_the_record_is_created_skipped_and_counted_once()
    {
        _fakes.Quotas.ClaimWithUnitAsync(Arg.Any<DeliveryRecord>(), Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(new UnitClaim(null, NoUnit: true));

        var claim = await _fakes.Claim.ClaimAsync(DeliveryFakes.Message(broadcastId: "b1") with { QuotaSeen = true }, CancellationToken.None);

        Assert.True(claim.Final);
        Assert.Equal((DeliveryStatus.Skipped, "no_quota", false), (claim.Record!.Status, claim.Record.Reason, claim.Record.QuotaTaken));
        Assert.Equal(["count=1 outcome=skipped templateKey=letterAccepted"], _fakes.Counted("NotificationDelivery"));
        await _fakes.Broadcasts.Received(1).CountDeliveryAsync("b1", "skipped", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_long_term_template_is_claimed_without_spending_a_unit()
    {
        _fakes.Settings.LongTermTemplates.Add("letterAccepted");

        var claim = await _fakes.Claim.ClaimAsync(DeliveryFakes.Message(), CancellationToken.None);

        Assert.Equal((DeliveryStatus.Pending, false), (claim.Record!.Status, claim.Record.QuotaTaken));
        await _fakes.Quotas.DidNotReceiveWithAnyArgs().ClaimWithUnitAsync(default!, default!, default);
    }

    [Fact]
    public async Task A_quota_the_fan_out_saw_is_not_read_again_by_the_claim()
    {
        var claim = await _fakes.Claim.ClaimAsync(DeliveryFakes.Message() with { QuotaSeen = true }, CancellationToken.None);

        Assert.Equal((DeliveryStatus.Pending, false), (claim.Record!.Status, claim.Final));
        await _fakes.Quotas.DidNotReceiveWithAnyArgs().FindAsync(default!, default!, default);
    }

    [Fact]
    public async Task A_delivery_another_handler_holds_is_left_alone_and_the_message_comes_back_when_the_lease_lapses()
    {
        _fakes.RecordExists();
        _fakes.Deliveries.FindAsync("u1", NotificationKinds.DeliveryId("e1"), Arg.Any<CancellationToken>()).Returns(DeliveryFakes.Pending(leaseUntil: _fakes.Time.GetUtcNow().AddSeconds(30)));

        var claim = await _fakes.Claim.ClaimAsync(DeliveryFakes.Message(), CancellationToken.None);

        Assert.Null(claim.Record);
        await _fakes.Deliveries.DidNotReceiveWithAnyArgs().TrySaveAsync(default!, default);

        // The holder may have died with the lease (a killed worker): the message is not dropped but sent back for then.
        await _fakes.Queue.Received(1).SendAsync(Arg.Is<DeliveryMessage>(m => m.EventId == "e1"), TimeSpan.FromSeconds(31), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_final_delivery_is_a_duplicate_and_nothing_comes_back()
    {
        _fakes.RecordExists();
        _fakes.Deliveries.FindAsync("u1", NotificationKinds.DeliveryId("e1"), Arg.Any<CancellationToken>()).Returns(DeliveryFakes.Pending() with { Status = DeliveryStatus.Sent });

        var claim = await _fakes.Claim.ClaimAsync(DeliveryFakes.Message(), CancellationToken.None);

        Assert.Null(claim.Record);
        await _fakes.Queue.DidNotReceiveWithAnyArgs().SendAsync(default!, default, default);
    }

    [Fact]
    public async Task A_lapsed_lease_is_taken_over_with_the_ETag_it_was_read_with()
    {
        var stale = DeliveryFakes.Pending(leaseUntil: _fakes.Time.GetUtcNow());
        _fakes.RecordExists();
        _fakes.Deliveries.FindAsync("u1", NotificationKinds.DeliveryId("e1"), Arg.Any<CancellationToken>()).Returns(stale);
        _fakes.Time.Advance(TimeSpan.FromSeconds(1));

        var claim = await _fakes.Claim.ClaimAsync(DeliveryFakes.Message(), CancellationToken.None);

        Assert.Equal(_fakes.Time.GetUtcNow() + DeliveryClaim.LeaseTime, claim.Record!.LeaseUntil);
        await _fakes.Deliveries.Received(1).TrySaveAsync(Arg.Is<DeliveryRecord>(r => r.ETag == stale.ETag), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Losing_every_race_ends_as_a_duplicate_after_a_bounded_number_of_looks()
    {
        _fakes.RecordExists();

        var claim = await _fakes.Claim.ClaimAsync(DeliveryFakes.Message(), CancellationToken.None);

        Assert.Null(claim.Record);
        await _fakes.Deliveries.Received(5).FindAsync("u1", NotificationKinds.DeliveryId("e1"), Arg.Any<CancellationToken>());
    }
}
