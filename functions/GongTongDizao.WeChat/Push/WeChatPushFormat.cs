namespace GongTongDizao.WeChat;

/// <summary>Data format chosen in the console for message push.</summary>
public enum WeChatPushFormat
{
    Json,
    Xml,
}
