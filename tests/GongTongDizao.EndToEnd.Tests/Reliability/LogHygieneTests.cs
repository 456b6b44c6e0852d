using System.Text.RegularExpressions;
using GongTongDizao.DevHost.Seeding;
using GongTongDizao.Testing;
using GongTongDizao.WeChat;
using GongTongDizao.WeChat.Simulator;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.EndToEnd.Tests.Reliability;

/// <summary>
/// After logins, token use, phone linking, failures and an access-token fetch, the DevHost's captured log lines hold
/// no AppSecret, access token, session key, JWT, openid or phone number.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed partial class LogHygieneTests(ReliabilityFixture host)
{
    [Fact]
    public async Task Logs_hold_no_secrets_tokens_openids_or_phone_numbers()
    {
        var code = $"dev-{Guid.NewGuid():N}";
        var token = await host.LoginAsync(code);
        var demo = await host.LoginAsync(DemoUsers.Resident);
        var phoneCode = host.Services.GetRequiredService<WeChatSimulator>().State.IssuePhoneCode("13912345678");
        await host.SendAsync(HttpMethod.Post, "api/me/phone", token, new { code = phoneCode });
        await host.SendAsync(HttpMethod.Get, "api/me", token + "tampered");
        await host.SendAsync(HttpMethod.Post, "api/auth/login", body: new { code = "no-such-code" });
        var accessToken = await host.Services.GetRequiredService<WeChatAccessTokenProvider>().GetAccessTokenAsync();
        var simulator = new WeChatSimulatorOptions();

        var logs = host.Logs.AllText;

        Assert.NotEmpty(host.Logs.Lines);
        Assert.DoesNotContain(simulator.AppSecret, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(simulator.EncodingAesKey, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(accessToken, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(WeChatSimulator.OpenIdFor(code), logs, StringComparison.Ordinal);
        Assert.DoesNotContain(WeChatSimulator.OpenIdFor(DemoUsers.Resident), logs, StringComparison.Ordinal);
        Assert.DoesNotContain(token, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(demo, logs, StringComparison.Ordinal);
        Assert.DoesNotMatch(Jwt(), logs);
        Assert.DoesNotMatch(Phone(), logs);
        Assert.DoesNotContain("session_key=", logs, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("js_code=" + code, logs, StringComparison.Ordinal);
        // The scan every fixture runs when it stops, here while the failure still points at this test; it knows what
        // the simulator really handed out, so a leak of any of it would be caught.
        var secrets = HostSecrets.Of(host.Services).ToList();
        var scanner = new LogScanner(secrets);
        var findings = scanner.Scan(host.Logs.Lines);
        Assert.True(findings.Count == 0, string.Join('\n', findings.Select(f => $"{f.Kind}: {f.Sample}")));
        Assert.Contains(new LogSecret("access-token", accessToken), secrets);
        Assert.Contains(new LogSecret("openid", WeChatSimulator.OpenIdFor(code)), secrets);
        Assert.Contains(secrets, s => s.Kind == "session-key");
        Assert.Equal(["access-token", "openid"], scanner.Scan([$"token {accessToken} for {WeChatSimulator.OpenIdFor(code)}"]).Select(f => f.Kind));
    }

    [GeneratedRegex(@"eyJ[\w-]{10,}\.[\w-]{10,}\.[\w-]{10,}")]
    private static partial Regex Jwt();

    // Not inside a longer token: a GUID or hash fragment such as "17603189802b" is not a phone number (as LogScanner).
    [GeneratedRegex(@"(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])")]
    private static partial Regex Phone();
}
