using GongTongDizao.Core.Features.Notifications;
using GongTongDizao.WeChat;

namespace GongTongDizao.Core.Tests.Notifications;

/// <summary>The outcome rules of docs/decisions/0007-notifications.md, one try at a time.</summary>
public sealed class DeliveryOutcomeRulesTests
{
    private const int MaxAttempts = 3;

    [Fact]
    public void A_sent_message_is_final_with_its_msgid_and_keeps_the_unit()
    {
        var decision = Decide(new SendAnswered(new SubscribeSendResult(SubscribeSendOutcome.Sent, "m1", 0, "ok")));

        Assert.Equal((DeliveryNext.Finish, DeliveryStatus.Sent, null, QuotaCorrection.None, null), (decision.Next, decision.Status, decision.Reason, decision.Quota, decision.FailedWith));
        Assert.Equal("m1", decision.Record.MsgId);
        Assert.Null(decision.Record.ErrCode);
        Assert.Equal(1, decision.Record.Attempts);
    }

    [Fact]
    public void Errcode_43101_is_skipped_as_refused_and_resets_the_quota()
    {
        var decision = Decide(new SendAnswered(new SubscribeSendResult(SubscribeSendOutcome.NoQuota, null, 43101, "refused")));

        Assert.Equal((DeliveryNext.Finish, DeliveryStatus.Skipped, "refused", QuotaCorrection.Reset, "43101"), (decision.Next, decision.Status, decision.Reason, decision.Quota, decision.FailedWith));
        Assert.Equal(43101, decision.Record.ErrCode);
    }

    [Fact]
    public void Errcode_45009_waits_for_midnight_and_stays_pending()
    {
        var decision = Decide(new SendAnswered(new SubscribeSendResult(SubscribeSendOutcome.DailyLimitReached, null, 45009, "limit")));

        Assert.Equal((DeliveryNext.WaitForMidnight, DeliveryStatus.Pending, "daily_limit", QuotaCorrection.None), (decision.Next, decision.Status, decision.Reason, decision.Quota));
    }

    [Theory]
    [InlineData(SubscribeSendOutcome.InvalidData, "thing1", "invalid_data:thing1")]
    [InlineData(SubscribeSendOutcome.InvalidData, null, "invalid_data")]
    [InlineData(SubscribeSendOutcome.InvalidOpenId, null, "invalid_openid")]
    [InlineData(SubscribeSendOutcome.InvalidTemplateId, null, "invalid_template_id")]
    [InlineData(SubscribeSendOutcome.InvalidPage, null, "invalid_page")]
    public void A_rejected_message_fails_with_its_reason_and_gives_the_unit_back(SubscribeSendOutcome outcome, string? field, string reason)
    {
        var decision = Decide(new SendAnswered(new SubscribeSendResult(outcome, null, 47003, "bad") { InvalidField = field }));

        Assert.Equal((DeliveryNext.Finish, DeliveryStatus.Failed, reason, QuotaCorrection.Refund, "47003"), (decision.Next, decision.Status, decision.Reason, decision.Quota, decision.FailedWith));
    }

    [Fact]
    public void A_call_WeChat_rejects_fails_with_the_errcode_and_gives_the_unit_back()
    {
        var decision = Decide(new SendRejected(40003));

        Assert.Equal((DeliveryNext.Finish, DeliveryStatus.Failed, "errcode_40003", QuotaCorrection.Refund, "40003"), (decision.Next, decision.Status, decision.Reason, decision.Quota, decision.FailedWith));
        Assert.Equal(40003, decision.Record.ErrCode);
    }

    [Theory]
    [InlineData("-1", true)]
    [InlineData("timeout", false)]
    public void An_unanswered_send_is_retried_without_touching_the_unit(string errCode, bool certainlyNotSent)
    {
        var decision = Decide(new SendUnanswered(errCode, certainlyNotSent), attemptsSoFar: MaxAttempts - 2);

        Assert.Equal((DeliveryNext.Retry, DeliveryStatus.Pending, "retry:" + errCode, QuotaCorrection.None, errCode), (decision.Next, decision.Status, decision.Reason, decision.Quota, decision.FailedWith));
        Assert.Equal(MaxAttempts - 1, decision.Record.Attempts);
    }

    [Theory]
    [InlineData("-1", true, QuotaCorrection.Refund)]
    [InlineData("timeout", false, QuotaCorrection.None)]
    public void The_last_unanswered_try_fails_and_gives_the_unit_back_only_when_nothing_was_sent(string errCode, bool certainlyNotSent, QuotaCorrection quota)
    {
        var decision = Decide(new SendUnanswered(errCode, certainlyNotSent), attemptsSoFar: MaxAttempts - 1);

        Assert.Equal((DeliveryNext.Finish, DeliveryStatus.Failed, "wechat_unavailable:" + errCode, quota), (decision.Next, decision.Status, decision.Reason, decision.Quota));
        Assert.Equal(MaxAttempts, decision.Record.Attempts);
    }

    private static DeliveryDecision Decide(SendAttempt attempt, int attemptsSoFar = 0) =>
        DeliveryOutcomeRules.Decide(DeliveryFakes.Pending(attempts: attemptsSoFar), attempt, MaxAttempts);
}
