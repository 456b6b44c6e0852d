namespace GongTongDizao.WeChat;

/// <summary>WeChat wraps each keyword value: <c>"thing1": {"value": "..."}</c>.</summary>
internal sealed record SubscribeDataValue(string Value);
