using GongTongDizao.Core.Features.Notifications;
using NSubstitute;

namespace GongTongDizao.Core.Tests.Notifications;

/// <summary>Retry scheduling: the record stays pending with its lease released, and the same message is queued delayed.</summary>
public sealed class DeliveryRetriesTests
{
    private readonly DeliveryFakes _fakes = new();

    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    public async Task A_retry_waits_the_base_delay_doubled_per_try_already_made(int attemptsMade, int seconds)
    {
        var message = DeliveryFakes.Message();
        var now = _fakes.Time.GetUtcNow();

        var saved = await _fakes.Retries.RetryLaterAsync(message, DeliveryFakes.Pending(leaseUntil: now.AddMinutes(1), attempts: attemptsMade), "retry:-1", "-1", CancellationToken.None);

        Assert.Equal((DeliveryStatus.Pending, "retry:-1", now.AddSeconds(seconds)), (saved.Status, saved.Reason, saved.DeferredUntil));
        Assert.Null(saved.LeaseUntil);
        await _fakes.Queue.Received(1).SendAsync(message, TimeSpan.FromSeconds(seconds), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task The_daily_limit_waits_for_the_next_Beijing_midnight()
    {
        var message = DeliveryFakes.Message();
        _fakes.Time.SetUtcNow(new DateTimeOffset(2026, 12, 6, 15, 59, 59, TimeSpan.Zero));

        var saved = await _fakes.Retries.RetryAfterMidnightAsync(message, DeliveryFakes.Pending(), "daily_limit", CancellationToken.None);

        Assert.Equal(new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.FromHours(8)), saved.DeferredUntil);
        await _fakes.Queue.Received(1).SendAsync(message, TimeSpan.FromSeconds(1), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_record_changed_by_someone_else_is_not_queued_again()
    {
        _fakes.Deliveries.SaveAsync(Arg.Any<DeliveryRecord>(), Arg.Any<CancellationToken>()).Returns<DeliveryRecord>(_ => throw new InvalidOperationException("precondition failed"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => _fakes.Retries.RetryLaterAsync(DeliveryFakes.Message(), DeliveryFakes.Pending(attempts: 1), "retry:-1", "-1", CancellationToken.None));

        await _fakes.Queue.DidNotReceiveWithAnyArgs().SendAsync(default!, default, default);
    }
}
