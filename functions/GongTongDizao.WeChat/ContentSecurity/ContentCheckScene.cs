namespace GongTongDizao.WeChat;

/// <summary>Content-security scene (<c>scene</c> of msg_sec_check and media_check_async v2).</summary>
public enum ContentCheckScene
{
    /// <summary>1: profile data (nickname, avatar).</summary>
    Profile = 1,

    /// <summary>2: comments.</summary>
    Comment = 2,

    /// <summary>3: forum posts; letters and topics use this.</summary>
    Forum = 3,

    /// <summary>4: social logs.</summary>
    SocialLog = 4,
}
