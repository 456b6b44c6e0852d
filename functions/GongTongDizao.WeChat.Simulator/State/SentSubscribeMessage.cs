namespace GongTongDizao.WeChat.Simulator;

/// <summary>A subscribe message the simulator accepted.</summary>
public sealed record SentSubscribeMessage(
    string MsgId,
    string ToOpenId,
    string TemplateId,
    string? Page,
    IReadOnlyDictionary<string, string> Data,
    string MiniProgramState,
    string Lang,
    DateTimeOffset SentAt);
