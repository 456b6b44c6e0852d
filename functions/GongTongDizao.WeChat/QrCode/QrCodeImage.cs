namespace GongTongDizao.WeChat;

/// <summary>A mini-program code image as WeChat returned it.</summary>
public sealed record QrCodeImage(ReadOnlyMemory<byte> Content, string ContentType);
