using GongTongDizao.DevHost.Seeding;
using GongTongDizao.WeChat.Simulator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.Testing;

/// <summary>Everything secret a DevHost knew or its WeChat simulator handed out, for <see cref="LogScanner"/>.</summary>
public static class HostSecrets
{
    public static IEnumerable<LogSecret> Of(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var configuration = services.GetRequiredService<IConfiguration>();
        foreach (var (kind, key) in new[]
        {
            ("app-secret", "WeChat:AppSecret"),
            ("encoding-aes-key", "WeChat:EncodingAesKey"),
            ("push-token", "WeChat:Token"),
            ("signing-key", "Auth:SigningKey"),
            ("data-protection-key", "Auth:DataProtectionKey"),
        })
        {
            if (configuration[key] is { Length: > 0 } value)
            {
                yield return new LogSecret(kind, value);
            }
        }

        var simulator = services.GetService<WeChatSimulator>();
        var options = simulator?.Options ?? new WeChatSimulatorOptions();
        yield return new LogSecret("app-secret", options.AppSecret);
        yield return new LogSecret("encoding-aes-key", options.EncodingAesKey);
        yield return new LogSecret("push-token", options.Token);

        // Demo people are seeded by openid even when no test logs them in.
        foreach (var demo in DemoUsers.All)
        {
            yield return new LogSecret("openid", WeChatSimulator.OpenIdFor(demo.LoginCode));
        }

        if (simulator is null)
        {
            yield break;
        }

        var issued = simulator.State.Issued;
        foreach (var token in issued.AccessTokens)
        {
            yield return new LogSecret("access-token", token);
        }

        foreach (var openId in issued.OpenIds.Concat(simulator.State.SentMessages.Select(m => m.ToOpenId)))
        {
            yield return new LogSecret("openid", openId);
        }

        foreach (var unionId in issued.UnionIds)
        {
            yield return new LogSecret("unionid", unionId);
        }

        foreach (var sessionKey in issued.SessionKeys)
        {
            yield return new LogSecret("session-key", sessionKey);
        }
    }
}
