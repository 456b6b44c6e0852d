using GongTongDizao.WeChat.Simulator;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.WeChat.Tests.Infrastructure;

/// <summary>One in-process simulator per test class, with a push inbox wired to its push URL.</summary>
public class SimulatorFixture : IAsyncLifetime
{
    public const string LetterTemplateId = "tmpl-letter-replied-0001";
    public const string TopicTemplateId = "tmpl-topic-progress-0002";

    /// <summary>A user who opened the mini-program just now, as content security v2 requires (see <see cref="RecordVisit"/>).</summary>
    public const string ActiveOpenId = "oUser0000000000000000000001";

    private WeChatSimulator? _simulator;

    public WeChatSimulator Simulator => _simulator ?? throw new InvalidOperationException("Not started.");

    public WeChatSimulatorState State => Simulator.State;

    internal PushInbox Inbox { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var options = new WeChatSimulatorOptions
        {
            AppId = TestValues.AppId,
            AppSecret = TestValues.AppSecret,
            Token = TestValues.Token,
            EncodingAesKey = TestValues.EncodingAesKey,
            PushUrl = new Uri("http://push.test/api/wechat/push"),
            MediaCheckDelay = TimeSpan.FromMilliseconds(50),
            PushRetryDelay = TimeSpan.FromMilliseconds(50),
        };
        options.TemplateIds.AddRange([LetterTemplateId, TopicTemplateId]);
        options.ValidatePages = true;
        options.Pages.AddRange(["pages/letters/detail", "pages/topics/detail", "pages/index/index"]);
        Configure(options);

        var clientOptions = new WeChatClientOptions();
        ConfigureClient(clientOptions, options);
        Inbox = new PushInbox(clientOptions);
        options.PushHandler = Inbox;
        _simulator = await WeChatSimulator.StartAsync(options);
        RecordVisit();
    }

    /// <summary>Marks <see cref="ActiveOpenId"/> as having used the mini-program now (again after a Reset).</summary>
    public void RecordVisit() => State.RecordVisit(ActiveOpenId);

    public async Task DisposeAsync()
    {
        if (_simulator is not null)
        {
            await _simulator.DisposeAsync();
        }

        Inbox?.Dispose();
    }

    /// <summary>A client configured for this simulator.</summary>
    public ServiceProvider CreateServices(Action<WeChatClientOptions>? tweak = null, TimeProvider? timeProvider = null,
        Action<Microsoft.Extensions.Logging.ILoggingBuilder>? logging = null) =>
        WeChatTestServices.Build(o =>
        {
            ConfigureClient(o, Simulator.Options);
            o.BaseAddress = Simulator.BaseAddress;
            tweak?.Invoke(o);
        }, timeProvider: timeProvider, logging: logging);

    protected virtual void Configure(WeChatSimulatorOptions options)
    {
    }

    private static void ConfigureClient(WeChatClientOptions client, WeChatSimulatorOptions simulator)
    {
        client.AppId = simulator.AppId;
        client.AppSecret = simulator.AppSecret;
        client.Token = simulator.Token;
        client.EncodingAesKey = simulator.EncodingAesKey;
        client.PushMode = simulator.PushMode switch
        {
            SimulatorPushMode.Plain => WeChatPushMode.Plain,
            SimulatorPushMode.Compatible => WeChatPushMode.Compatible,
            _ => WeChatPushMode.Safe,
        };
        client.Templates["letterReplied"] = LetterTemplateId;
        client.Templates["topicProgress"] = TopicTemplateId;
    }
}
