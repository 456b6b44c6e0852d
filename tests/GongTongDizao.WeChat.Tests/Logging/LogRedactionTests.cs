using GongTongDizao.WeChat.Simulator;
using GongTongDizao.WeChat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace GongTongDizao.WeChat.Tests.Logging;

/// <summary>
/// Runs the calls that handle secrets with every log level captured, then searches all captured text for
/// them: the AppSecret, access tokens, session keys, js codes and phone numbers must never be logged.
/// </summary>
public class LogRedactionTests
{
    [Fact]
    public async Task Logs_never_contain_secrets_tokens_session_keys_codes_or_phone_numbers()
    {
        var collector = new FakeLogCollector();
        using var simulatorLogs = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(collector)));
        await using var simulator = await WeChatSimulator.StartAsync(new WeChatSimulatorOptions
        {
            AppSecret = "Sup3r-Secret-AppSecret-Value",
            LoggerFactory = simulatorLogs,
        });
        await using var services = WeChatTestServices.Build(o =>
        {
            o.AppId = simulator.Options.AppId;
            o.AppSecret = simulator.Options.AppSecret;
            o.Token = simulator.Options.Token;
            o.EncodingAesKey = simulator.Options.EncodingAesKey;
            o.BaseAddress = simulator.BaseAddress;
        }, logging: b => b.AddProvider(new FakeLoggerProvider(collector)));
        var client = services.GetRequiredService<WeChatClient>();
        var tokens = services.GetRequiredService<WeChatAccessTokenProvider>();
        var secrets = new List<string> { simulator.Options.AppSecret, simulator.Options.EncodingAesKey };

        var code = simulator.State.IssueLoginCode().Code;
        var session = await client.Code2SessionAsync(code);
        secrets.AddRange([code, session.SessionKey]);
        await Assert.ThrowsAsync<WeChatApiException>(() => client.Code2SessionAsync(code));
        await Assert.ThrowsAsync<WeChatApiException>(() => client.Code2SessionAsync("never-issued-js-code"));
        secrets.Add("never-issued-js-code");

        secrets.Add(await tokens.GetAccessTokenAsync());
        simulator.State.GrantQuota(session.OpenId, "tmpl-letter-replied-0001");
        var template = new SubscribeMessageTemplate("letterReplied", "tmpl-letter-replied-0001", [SubscribeKeyword.FromName("thing1")]);
        var sent = await client.SendSubscribeMessageAsync(SubscribeMessage.Create(template, session.OpenId, template.CreateData().Set("thing1", "已答复").Build()));

        var phoneCode = simulator.State.IssuePhoneCode("13912345678", session.OpenId);
        var phone = await client.GetPhoneNumberAsync(phoneCode, session.OpenId);
        secrets.AddRange([phoneCode, phone.PhoneNumber]);

        // A rejected token and a 503 make the client and the resilience pipeline log their retries.
        simulator.State.AddFault(new SimulatorFault(SimulatorApis.MsgSecCheck, ErrCode: 40001));
        simulator.State.AddFault(new SimulatorFault(SimulatorApis.MsgSecCheck, HttpStatus: 503));
        await client.CheckTextAsync(new TextCheckRequest(session.OpenId, "你好"));
        secrets.Add(await tokens.GetAccessTokenAsync());

        var records = collector.GetSnapshot();
        Assert.True(sent.IsSent);
        Assert.Contains(records, r => r.Message.Contains("/sns/jscode2session", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Message.Contains("errcode 40163", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Message.Contains("rejected the access token", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Message.Contains("OnRetry", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Message.Contains("/wxa/business/getuserphonenumber?access_token=***", StringComparison.Ordinal));
        foreach (var record in records)
        {
            var text = string.Join('\n', new[] { record.Message, record.Exception?.ToString() }
                .Concat(record.StructuredState?.Select(kv => kv.Value) ?? []));
            foreach (var secret in secrets.Distinct())
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"'{record.Category}' logged a secret: {record.Message}");
            }
        }
    }
}
