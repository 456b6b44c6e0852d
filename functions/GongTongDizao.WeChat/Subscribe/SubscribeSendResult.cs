namespace GongTongDizao.WeChat;

/// <summary>What became of one subscribe message.</summary>
public sealed record SubscribeSendResult(SubscribeSendOutcome Outcome, string? MsgId, int ErrCode, string ErrMsg)
{
    /// <summary>WeChat's request id, for support.</summary>
    public string? Rid => WeChatErrorCodes.ParseRid(ErrMsg);

    /// <summary>For <see cref="SubscribeSendOutcome.InvalidData"/>: the keyword WeChat named, e.g. <c>thing1</c>.</summary>
    public string? InvalidField { get; init; }

    public bool IsSent => Outcome == SubscribeSendOutcome.Sent;
}
