using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using GongTongDizao.WeChat.Simulator;
using GongTongDizao.WeChat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.WeChat.Tests.Simulator;

/// <summary>The simulator's own HTTP surface: WeChat semantics and the /__simulator controls.</summary>
public sealed class SimulatorControlTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>, IAsyncLifetime, IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = fixture.Simulator.BaseAddress };

    public Task InitializeAsync()
    {
        fixture.State.Reset();
        fixture.RecordVisit();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _http.Dispose();

    private async Task<JsonElement> StableTokenAsync(bool forceRefresh, string? secret = null)
    {
        using var response = await _http.PostAsJsonAsync("cgi-bin/stable_token", new
        {
            grant_type = "client_credential",
            appid = fixture.Simulator.Options.AppId,
            secret = secret ?? fixture.Simulator.Options.AppSecret,
            force_refresh = forceRefresh,
        });
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<int> CheckWithTokenAsync(string token)
    {
        using var response = await _http.PostAsJsonAsync($"wxa/msg_sec_check?access_token={Uri.EscapeDataString(token)}",
            new { version = 2, scene = 1, openid = "oUser0000000000000000000001", content = "hi" });
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errcode").GetInt32();
    }

    [Fact]
    public async Task Stable_token_returns_the_same_token_in_normal_mode_and_a_new_one_on_force_refresh()
    {
        var first = await StableTokenAsync(forceRefresh: false);
        var second = await StableTokenAsync(forceRefresh: false);
        var forced = await StableTokenAsync(forceRefresh: true);

        Assert.Equal(first.GetProperty("access_token").GetString(), second.GetProperty("access_token").GetString());
        Assert.Equal(7200, first.GetProperty("expires_in").GetInt32());
        Assert.NotEqual(first.GetProperty("access_token").GetString(), forced.GetProperty("access_token").GetString());
        // Force refresh invalidates the previous token.
        Assert.Equal(40001, await CheckWithTokenAsync(first.GetProperty("access_token").GetString()!));
        Assert.Equal(0, await CheckWithTokenAsync(forced.GetProperty("access_token").GetString()!));
        Assert.Equal(2, fixture.State.Stats.StableTokenNormalCalls);
        Assert.Equal(1, fixture.State.Stats.StableTokenForceRefreshCalls);
    }

    [Fact]
    public async Task Stable_token_with_a_wrong_secret_is_40125()
    {
        Assert.Equal(40125, (await StableTokenAsync(false, "wrong")).GetProperty("errcode").GetInt32());
    }

    [Fact]
    public async Task Business_apis_require_a_known_access_token()
    {
        using var missing = await _http.PostAsJsonAsync("wxa/msg_sec_check", new { version = 2 });

        Assert.Equal(41001, (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errcode").GetInt32());
        Assert.Equal(40001, await CheckWithTokenAsync("made-up-token"));
    }

    [Fact]
    public async Task Faults_are_switched_on_listed_consumed_and_cleared_over_http()
    {
        await using var services = fixture.CreateServices();
        var client = services.GetRequiredService<WeChatClient>();

        using var added = await _http.PostAsJsonAsync("__simulator/faults", new { api = "jscode2session", errcode = 45011, count = 2 });
        var listed = await _http.GetFromJsonAsync<JsonElement>("__simulator/faults");
        var first = await Assert.ThrowsAsync<WeChatApiException>(() => client.Code2SessionAsync("demo-a"));
        using var cleared = await _http.DeleteAsync("__simulator/faults");
        var after = await client.Code2SessionAsync("demo-a");

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal("jscode2session", Assert.Single(listed.EnumerateArray()).GetProperty("api").GetString());
        Assert.Equal(WeChatErrorClassification.RetryLater, first.Classification);
        Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
        Assert.Equal(WeChatSimulator.OpenIdFor("demo-a"), after.OpenId);
    }

    [Fact]
    public async Task A_fault_for_every_api_applies_to_any_call()
    {
        await using var services = fixture.CreateServices();
        fixture.State.AddFault(new SimulatorFault(SimulatorApis.All, ErrCode: -1, Count: 2));

        // Code2Session is not idempotent (single-use code), so -1 surfaces.
        var error = await Assert.ThrowsAsync<WeChatApiException>(() => services.GetRequiredService<WeChatClient>().Code2SessionAsync("demo-b"));

        Assert.Equal(-1, error.ErrCode);
        Assert.Single(fixture.State.Faults);
    }

    [Fact]
    public async Task Stats_count_calls_per_api_and_reset_forgets_everything()
    {
        await using var services = fixture.CreateServices();
        await services.GetRequiredService<WeChatClient>().Code2SessionAsync("demo-c");
        fixture.State.GrantQuota("oUser0000000000000000000001", SimulatorFixture.LetterTemplateId);

        var stats = await _http.GetFromJsonAsync<JsonElement>("__simulator/stats");
        using var reset = await _http.PostAsync("__simulator/reset", content: null);
        var afterReset = await _http.GetFromJsonAsync<JsonElement>("__simulator/stats");

        Assert.Equal(1, stats.GetProperty("calls").GetProperty("jscode2session").GetInt32());
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Empty(afterReset.GetProperty("calls").EnumerateObject());
        Assert.Equal(0, fixture.State.GetRemainingQuota("oUser0000000000000000000001", SimulatorFixture.LetterTemplateId));
    }

    [Fact]
    public async Task A_slow_response_can_be_injected()
    {
        fixture.State.AddFault(new SimulatorFault(SimulatorApis.Code2Session, DelayMs: 400));
        await using var services = fixture.CreateServices();
        var started = Stopwatch.GetTimestamp();

        await services.GetRequiredService<WeChatClient>().Code2SessionAsync("demo-slow");

        Assert.True(Stopwatch.GetElapsedTime(started) >= TimeSpan.FromMilliseconds(380));
    }

    [Fact]
    public async Task Arbitrary_events_can_be_pushed_signed_and_encrypted()
    {
        var openId = WeChatSimulator.OpenIdFor("demo-popup");
        var message = new JsonObject
        {
            ["FromUserName"] = openId,
            ["Event"] = "subscribe_msg_popup_event",
            ["List"] = new JsonArray(
                new JsonObject { ["TemplateId"] = SimulatorFixture.LetterTemplateId, ["SubscribeStatusString"] = "accept", ["PopupScene"] = "0" }),
        };

        using var response = await _http.PostAsJsonAsync("__simulator/push", message);
        var delivery = await response.Content.ReadFromJsonAsync<JsonElement>();
        var push = await fixture.Inbox.WaitForAsync(r => r.Event is SubscribePopupEvent p && p.FromUserName == openId);

        Assert.True(delivery.GetProperty("delivered").GetBoolean());
        var item = Assert.Single(Assert.IsType<SubscribePopupEvent>(push.Event).Items);
        Assert.Equal(SubscribeStatus.Accept, item.Status);
        Assert.Equal(SimulatorFixture.LetterTemplateId, item.TemplateId);
    }

    [Fact]
    public async Task Sends_can_be_followed_by_sent_events()
    {
        await using var simulatorWithEvents = await WeChatSimulator.StartAsync(new WeChatSimulatorOptions { PushSentEvents = true });
        Assert.True(simulatorWithEvents.Options.PushSentEvents);
        await using var services = WeChatTestServices.Build(o =>
        {
            o.AppId = simulatorWithEvents.Options.AppId;
            o.AppSecret = simulatorWithEvents.Options.AppSecret;
            o.Token = simulatorWithEvents.Options.Token;
            o.EncodingAesKey = simulatorWithEvents.Options.EncodingAesKey;
            o.BaseAddress = simulatorWithEvents.BaseAddress;
        });
        var openId = WeChatSimulator.OpenIdFor("demo-sent-event");
        simulatorWithEvents.State.GrantQuota(openId, "tmpl-any-0000001");
        var template = new SubscribeMessageTemplate("any", "tmpl-any-0000001", [SubscribeKeyword.FromName("thing1")]);

        var result = await services.GetRequiredService<WeChatClient>().SendSubscribeMessageAsync(
            SubscribeMessage.Create(template, openId, template.CreateData().Set("thing1", "x").Build()));
        using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await simulatorWithEvents.State.WhenPushesRecordedAsync(1, deadline.Token);
        }

        // No push URL is configured, so the event is recorded but not delivered.
        var delivery = Assert.Single(simulatorWithEvents.State.PushDeliveries);
        Assert.Equal("subscribe_msg_sent_event", delivery.EventName);
        Assert.Contains(result.MsgId!, delivery.PlainText, StringComparison.Ordinal);
        Assert.False(delivery.Delivered);
    }
}
