namespace GongTongDizao.WeChat;

/// <summary>Body of <c>POST /wxa/business/getuserphonenumber</c>.</summary>
internal sealed record PhoneNumberRequest(string Code)
{
    public override string ToString() => "PhoneNumberRequest { }";
}
