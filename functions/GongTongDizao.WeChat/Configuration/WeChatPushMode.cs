namespace GongTongDizao.WeChat;

/// <summary>The message-push encryption mode chosen in the WeChat console (消息推送 → 数据加密方式).</summary>
public enum WeChatPushMode
{
    /// <summary>明文模式: bodies are plain, only <c>signature</c> protects them.</summary>
    Plain,

    /// <summary>兼容模式: bodies carry both the plain fields and <c>Encrypt</c>.</summary>
    Compatible,

    /// <summary>安全模式: bodies carry only <c>Encrypt</c>; recommended.</summary>
    Safe,
}
