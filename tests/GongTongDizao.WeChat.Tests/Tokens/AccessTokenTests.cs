using GongTongDizao.WeChat.Simulator;
using GongTongDizao.WeChat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GongTongDizao.WeChat.Tests.Tokens;

public class AccessTokenTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset s_start = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);

    public Task InitializeAsync()
    {
        // Tests of one class run one after another; each starts from a clean simulator.
        fixture.State.Reset();
        fixture.RecordVisit();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_hundred_concurrent_callers_cause_one_stable_token_call()
    {
        // A slow token answer keeps all callers waiting on the same refresh.
        fixture.State.AddFault(new SimulatorFault(SimulatorApis.StableToken, DelayMs: 300));
        await using var services = fixture.CreateServices();
        var client = services.GetRequiredService<WeChatClient>();

        // On pool threads, so callers really race; one that starts after the fetch finds the token cached,
        // which is also exactly one call.
        var checks = Enumerable.Range(0, 100)
            .Select(i => Task.Run(() => client.CheckTextAsync(new TextCheckRequest("oUser0000000000000000000001", $"消息 {i}"))))
            .ToList();
        var results = await Task.WhenAll(checks);

        Assert.All(results, r => Assert.Equal(ContentSuggest.Pass, r.Suggest));
        var stats = fixture.State.Stats;
        Assert.Equal(1, stats.CallsTo(SimulatorApis.StableToken));
        Assert.Equal(100, stats.CallsTo(SimulatorApis.MsgSecCheck));
        Assert.Equal(0, stats.StableTokenForceRefreshCalls);
    }

    [Fact]
    public async Task Concurrent_callers_share_one_failed_fetch_instead_of_each_retrying()
    {
        fixture.State.AddFault(new SimulatorFault(SimulatorApis.StableToken, DelayMs: 300));
        await using var services = fixture.CreateServices(o => o.AppSecret = "not-the-secret");
        var tokens = services.GetRequiredService<WeChatAccessTokenProvider>();

        // Started in a plain loop: each call runs synchronously up to joining the fetch, so all fifty are waiting
        // before the (slow) failure arrives.
        var attempts = Enumerable.Range(0, 50).Select(_ => tokens.GetAccessTokenAsync().AsTask()).ToList();
        var errors = await Task.WhenAll(attempts.Select(a => Assert.ThrowsAsync<WeChatApiException>(() => a)));

        Assert.All(errors, e => Assert.Equal(WeChatErrorCodes.InvalidAppSecret, e.ErrCode));
        Assert.Equal(1, fixture.State.Stats.CallsTo(SimulatorApis.StableToken));
    }

    [Fact]
    public async Task The_token_is_reused_until_300_seconds_before_expiry_then_refetched()
    {
        var clientTime = new FakeTimeProvider(s_start);
        await using var services = fixture.CreateServices(timeProvider: clientTime);
        var tokens = services.GetRequiredService<WeChatAccessTokenProvider>();

        var first = await tokens.GetAccessTokenAsync();
        clientTime.Advance(TimeSpan.FromSeconds(7200 - 300 - 1));
        var stillCached = await tokens.GetAccessTokenAsync();
        Assert.Equal(1, fixture.State.Stats.CallsTo(SimulatorApis.StableToken));

        clientTime.Advance(TimeSpan.FromSeconds(2));
        await tokens.GetAccessTokenAsync();

        Assert.Equal(first, stillCached);
        Assert.Equal(2, fixture.State.Stats.CallsTo(SimulatorApis.StableToken));
        Assert.Equal(0, fixture.State.Stats.StableTokenForceRefreshCalls);
    }

    [Fact]
    public async Task Near_expiry_the_platform_rotates_and_the_client_picks_up_the_new_token()
    {
        // One clock for both sides: at 6901 s the simulator is inside its 5-minute rotation window.
        var time = new FakeTimeProvider(s_start);
        await using var simulator = await WeChatSimulator.StartAsync(new WeChatSimulatorOptions { TimeProvider = time });
        await using var services = ClientFor(simulator, time);
        var tokens = services.GetRequiredService<WeChatAccessTokenProvider>();

        var first = await tokens.GetAccessTokenAsync();
        time.Advance(TimeSpan.FromSeconds(6901));
        var second = await tokens.GetAccessTokenAsync();

        Assert.NotEqual(first, second);
        Assert.Equal(2, simulator.State.Stats.StableTokenNormalCalls);
        Assert.Equal(0, simulator.State.Stats.StableTokenForceRefreshCalls);
    }

    [Fact]
    public async Task A_rejected_token_is_dropped_refetched_once_and_the_call_repeated()
    {
        fixture.State.AddFault(new SimulatorFault(SimulatorApis.MsgSecCheck, ErrCode: 40001));
        await using var services = fixture.CreateServices();

        var result = await services.GetRequiredService<WeChatClient>().CheckTextAsync(new TextCheckRequest("oUser0000000000000000000001", "你好"));

        Assert.Equal(ContentSuggest.Pass, result.Suggest);
        Assert.Equal(2, fixture.State.Stats.CallsTo(SimulatorApis.StableToken));
        Assert.Equal(2, fixture.State.Stats.CallsTo(SimulatorApis.MsgSecCheck));
        Assert.Equal(0, fixture.State.Stats.StableTokenForceRefreshCalls);
    }

    [Fact]
    public async Task A_second_rejection_is_not_retried_again()
    {
        fixture.State.AddFault(new SimulatorFault(SimulatorApis.MsgSecCheck, ErrCode: 40001, Count: 2));
        await using var services = fixture.CreateServices();

        var error = await Assert.ThrowsAsync<WeChatApiException>(() =>
            services.GetRequiredService<WeChatClient>().CheckTextAsync(new TextCheckRequest("oUser0000000000000000000001", "你好")));

        Assert.Equal(40001, error.ErrCode);
        Assert.Equal(WeChatErrorClassification.RefreshTokenAndRetryOnce, error.Classification);
        Assert.Equal(2, fixture.State.Stats.CallsTo(SimulatorApis.StableToken));
        Assert.Equal(2, fixture.State.Stats.CallsTo(SimulatorApis.MsgSecCheck));
    }

    [Fact]
    public async Task A_token_expired_on_the_platform_is_replaced_after_42001()
    {
        // The client's clock lags: it still trusts a token that WeChat has expired.
        var platformTime = new FakeTimeProvider(s_start);
        await using var simulator = await WeChatSimulator.StartAsync(new WeChatSimulatorOptions { TimeProvider = platformTime });
        await using var services = ClientFor(simulator, new FakeTimeProvider(s_start));
        var client = services.GetRequiredService<WeChatClient>();
        simulator.State.RecordVisit("oUser0000000000000000000001");
        await client.CheckTextAsync(new TextCheckRequest("oUser0000000000000000000001", "一"));

        platformTime.Advance(TimeSpan.FromSeconds(7201));
        simulator.State.RecordVisit("oUser0000000000000000000001");
        var result = await client.CheckTextAsync(new TextCheckRequest("oUser0000000000000000000001", "二"));

        Assert.Equal(ContentSuggest.Pass, result.Suggest);
        Assert.Equal(2, simulator.State.Stats.CallsTo(SimulatorApis.StableToken));
        Assert.Equal(3, simulator.State.Stats.CallsTo(SimulatorApis.MsgSecCheck));
    }

    [Fact]
    public async Task A_wrong_secret_fails_the_token_fetch_with_40125()
    {
        await using var services = fixture.CreateServices(o => o.AppSecret = "not-the-secret");

        var error = await Assert.ThrowsAsync<WeChatApiException>(() =>
            services.GetRequiredService<WeChatClient>().CheckTextAsync(new TextCheckRequest("oUser0000000000000000000001", "你好")));

        Assert.Equal(WeChatErrorCodes.InvalidAppSecret, error.ErrCode);
        Assert.Equal("stable_token", error.Api);
    }

    private static ServiceProvider ClientFor(WeChatSimulator simulator, TimeProvider clientTime) =>
        WeChatTestServices.Build(o =>
        {
            o.AppId = simulator.Options.AppId;
            o.AppSecret = simulator.Options.AppSecret;
            o.Token = simulator.Options.Token;
            o.EncodingAesKey = simulator.Options.EncodingAesKey;
            o.BaseAddress = simulator.BaseAddress;
        }, timeProvider: clientTime);
}
