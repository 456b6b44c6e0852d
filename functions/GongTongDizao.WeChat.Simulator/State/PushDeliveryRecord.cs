namespace GongTongDizao.WeChat.Simulator;

/// <summary>One push the simulator sent (or tried to), with its plaintext.</summary>
public sealed record PushDeliveryRecord(string Id, string? EventName, string? Url, int Attempts, bool Delivered, int? LastStatus, string PlainText);
