namespace GongTongDizao.WeChat;

/// <summary>One template in a <see cref="SubscribeChangeEvent"/>.</summary>
public sealed record SubscribeChangeItem(string TemplateId, SubscribeStatus Status, string? StatusText);
