using GongTongDizao.Core.Features.Identity;
using GongTongDizao.Testing;
using GongTongDizao.WeChat.Simulator;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.EndToEnd.Tests;

/// <summary>Finds accounts as login does: ids are random, so only the openid's link names a person's account.</summary>
public static class Accounts
{
    /// <summary>The account a simulator login code (a demo user's, or any dev- code) signs in to, if it has one.</summary>
    public static async Task<UserAccount?> AccountOfAsync(this DevHostFixture host, string loginCode)
    {
        ArgumentNullException.ThrowIfNull(host);
        var users = host.Services.GetRequiredService<UserStore>();
        return await users.FindIdByOpenIdAsync(WeChatSimulator.OpenIdFor(loginCode), CancellationToken.None) is { } id
            ? await users.FindAsync(id, CancellationToken.None)
            : null;
    }

    /// <summary>Stores an account for a made-up openid with its link, as a first login would, without WeChat.</summary>
    public static async Task<UserAccount> CreateLinkedAsync(this DevHostFixture host, UserAccount account)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(account);
        var users = host.Services.GetRequiredService<UserStore>();
        var id = await users.LinkOpenIdAsync(account.OpenId, account.Id, CancellationToken.None);
        return await users.TryCreateAsync(account with { Id = id }, CancellationToken.None) ?? (await users.FindAsync(id, CancellationToken.None))!;
    }
}
