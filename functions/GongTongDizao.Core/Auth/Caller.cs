using GongTongDizao.Core.Features.Identity;

namespace GongTongDizao.Core.Auth;

/// <summary>The authenticated person making a request.</summary>
public sealed record Caller(UserAccount User)
{
    public string Id => User.Id;
}
