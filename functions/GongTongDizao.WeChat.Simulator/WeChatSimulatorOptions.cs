using Microsoft.Extensions.Logging;

namespace GongTongDizao.WeChat.Simulator;

/// <summary>Settings of a <see cref="WeChatSimulator"/>. The defaults form a valid WeChat client configuration.</summary>
public sealed class WeChatSimulatorOptions
{
    public string AppId { get; set; } = "wx5a1e0c0de0000001";

    public string AppSecret { get; set; } = "simulator-app-secret-0123456789ab";

    /// <summary>The mini-program's original id, sent as <c>ToUserName</c> in pushes.</summary>
    public string OriginalId { get; set; } = "gh_5a1e0c0de001";

    /// <summary>Message-push token used to sign pushes.</summary>
    public string Token { get; set; } = "SimulatorPushToken";

    /// <summary>Message-push EncodingAESKey (43 characters).</summary>
    public string EncodingAesKey { get; set; } = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

    public SimulatorPushMode PushMode { get; set; } = SimulatorPushMode.Safe;

    public SimulatorPushFormat PushFormat { get; set; } = SimulatorPushFormat.Json;

    /// <summary>Where pushes (media-check verdicts, events) are POSTed; none are sent when null.</summary>
    public Uri? PushUrl { get; set; }

    /// <summary>Optional handler for push delivery, so a test can receive pushes without a server.</summary>
    public HttpMessageHandler? PushHandler { get; set; }

    /// <summary>Kestrel port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>Words that make msg_sec_check answer <c>risky</c>, with the label to report.</summary>
    public Dictionary<string, int> RiskyWords { get; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["违禁词"] = 20001,
        ["risky-word"] = 20001,
        ["加微信赚钱"] = 10001,
    };

    /// <summary>Words that make msg_sec_check answer <c>review</c>.</summary>
    public List<string> ReviewWords { get; } = ["review-word", "待审核"];

    /// <summary>Known template ids; when empty any well-formed id is accepted, otherwise others get 40037.</summary>
    public List<string> TemplateIds { get; } = [];

    /// <summary>Whether subscribe/send and getwxacodeunlimit check pages against <see cref="Pages"/> (41030).</summary>
    public bool ValidatePages { get; set; }

    /// <summary>Released pages, without query (e.g. <c>pages/index/index</c>).</summary>
    public List<string> Pages { get; } = [];

    /// <summary>Return <c>unionid</c> from jscode2session.</summary>
    public bool IncludeUnionId { get; set; }

    /// <summary>Send <c>subscribe_msg_sent_event</c> after each successful send.</summary>
    public bool PushSentEvents { get; set; }

    /// <summary>Delay before a media-check verdict is pushed (measured on <see cref="TimeProvider"/>).</summary>
    public TimeSpan MediaCheckDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Attempts per push; WeChat tries once and retries 3 times.</summary>
    public int PushMaxAttempts { get; set; } = 4;

    /// <summary>Delay between push attempts (measured on <see cref="TimeProvider"/>).</summary>
    public TimeSpan PushRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromSeconds(7200);

    public TimeSpan LoginCodeLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The simulator's clock: code and token expiry, push timestamps, verdict delays.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Where the simulator logs; silent when null.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }
}
