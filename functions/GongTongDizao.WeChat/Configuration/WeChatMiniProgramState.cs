namespace GongTongDizao.WeChat;

/// <summary>
/// Which build of the mini-program a subscribe message or a mini-program code opens
/// (<c>miniprogram_state</c> developer | trial | formal).
/// </summary>
public enum WeChatMiniProgramState
{
    Developer,
    Trial,
    Formal,
}
