namespace GongTongDizao.WeChat;

/// <summary>
/// Body of <c>POST /wxa/business/getuserphonenumber</c>: the code and, optionally, the openid of the user who pressed
/// the button, so WeChat can check the code was issued to that user (doc "手机号快速验证 getPhoneNumber": openid 否).
/// </summary>
internal sealed record PhoneNumberRequest(string Code, string? Openid)
{
    public override string ToString() => "PhoneNumberRequest { }";
}
