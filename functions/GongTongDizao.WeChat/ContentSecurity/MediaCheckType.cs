namespace GongTongDizao.WeChat;

/// <summary><c>media_type</c> of media_check_async.</summary>
public enum MediaCheckType
{
    Audio = 1,
    Image = 2,
}
