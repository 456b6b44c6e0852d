namespace GongTongDizao.WeChat;

/// <summary>Body of <c>POST /cgi-bin/message/subscribe/send</c>.</summary>
internal sealed record SubscribeSendRequest(
    string Touser,
    string TemplateId,
    string? Page,
    IReadOnlyDictionary<string, SubscribeDataValue> Data,
    string MiniprogramState,
    string Lang);
