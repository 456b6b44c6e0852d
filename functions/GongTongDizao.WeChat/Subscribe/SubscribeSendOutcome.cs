namespace GongTongDizao.WeChat;

/// <summary>
/// The results of a send that a caller must tell apart; other errcodes throw <see cref="WeChatApiException"/>.
/// </summary>
public enum SubscribeSendOutcome
{
    /// <summary>Accepted by WeChat; <see cref="SubscribeSendResult.MsgId"/> is set.</summary>
    Sent,

    /// <summary>43101: the user refused or has no quota left for this template. Do not retry; the in-app inbox still has it.</summary>
    NoQuota,

    /// <summary>47003: a keyword value was rejected; <see cref="SubscribeSendResult.InvalidField"/> names it.</summary>
    InvalidData,

    /// <summary>40003: the openid is not a user of this mini-program.</summary>
    InvalidOpenId,

    /// <summary>40037: the template id is wrong for this mini-program (a configuration error).</summary>
    InvalidTemplateId,

    /// <summary>41030: the page does not exist in the released mini-program.</summary>
    InvalidPage,

    /// <summary>45009: the daily sending quota is used up; retry tomorrow.</summary>
    DailyLimitReached,
}
