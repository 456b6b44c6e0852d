namespace GongTongDizao.WeChat.Simulator;

/// <summary>A login code from the test endpoint and the openid it will resolve to.</summary>
public sealed record IssuedLoginCode(string Code, string OpenId);
