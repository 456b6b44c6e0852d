namespace GongTongDizao.WeChat;

/// <summary>
/// The type of a subscribe-message keyword; WeChat names keywords by type (<c>thing1</c>, <c>time2</c>, ...).
/// Limits per type are in WECHAT.md and enforced by <see cref="SubscribeMessageDataBuilder"/>.
/// </summary>
public enum SubscribeKeywordType
{
    /// <summary><c>thing</c>: ≤ 20 characters of any kind; user text is truncated.</summary>
    Thing,

    /// <summary><c>number</c>: ≤ 32 digits, optionally with decimals, no sign.</summary>
    Number,

    /// <summary><c>letter</c>: ≤ 32 letters.</summary>
    Letter,

    /// <summary><c>symbol</c>: ≤ 5 symbols.</summary>
    Symbol,

    /// <summary><c>character_string</c>: ≤ 32 digits, letters or symbols.</summary>
    CharacterString,

    /// <summary><c>time</c>: 24-hour time, optionally with a date (<c>2026年11月27日 15:01</c>); ranges with <c>~</c>.</summary>
    Time,

    /// <summary><c>date</c>: a date (<c>2026年11月27日</c> or <c>2026-11-27</c>), optionally with a time; ranges with <c>~</c>.</summary>
    Date,

    /// <summary><c>amount</c>: a currency symbol and ≤ 10 digits, optionally decimals and a trailing 元.</summary>
    Amount,

    /// <summary><c>phone_number</c>: ≤ 17 digits and symbols.</summary>
    PhoneNumber,

    /// <summary><c>car_number</c>: ≤ 8 letters or digits; the first and last may be Chinese (粤A8Z888挂).</summary>
    CarNumber,

    /// <summary><c>name</c>: Chinese characters, letters or symbols (no digits); ≤ 10 with any Chinese character, else ≤ 20.</summary>
    Name,

    /// <summary><c>phrase</c>: ≤ 5 Chinese characters only.</summary>
    Phrase,

    /// <summary><c>enum</c>: one of the values defined in the template.</summary>
    Enum,
}
