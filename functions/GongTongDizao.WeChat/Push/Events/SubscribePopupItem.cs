namespace GongTongDizao.WeChat;

/// <summary>One template in a <see cref="SubscribePopupEvent"/>.</summary>
public sealed record SubscribePopupItem(string TemplateId, SubscribeStatus Status, string? StatusText, int? PopupScene);
