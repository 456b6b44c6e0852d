namespace GongTongDizao.WeChat;

/// <summary>A verified phone number from getuserphonenumber (<c>phone_info</c>).</summary>
public sealed record PhoneNumberInfo(string PhoneNumber, string PurePhoneNumber, string CountryCode, DateTimeOffset? WatermarkTimestamp)
{
    // Phone numbers are personal data: keep them out of logs that format this record.
    public override string ToString() =>
        $"PhoneNumberInfo {{ PhoneNumber = {WeChatRedaction.MaskPhone(PhoneNumber)}, CountryCode = {CountryCode} }}";
}
