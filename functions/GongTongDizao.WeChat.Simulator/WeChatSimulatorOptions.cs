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

    /// <summary>
    /// Whether subscribe/send and getwxacodeunlimit check pages against <see cref="Pages"/> (41030), as WeChat does
    /// (doc "发送订阅消息": 41030 page 路径不正确,需要保证在现网版本小程序中存在; doc "获取不限制的小程序码":
    /// check_path 默认 true). On by default; a test may turn it off.
    /// </summary>
    public bool ValidatePages { get; set; } = true;

    /// <summary>
    /// Released pages, without query (e.g. <c>pages/index/index</c>). The default is the pages this project's
    /// mini-program has released (the pages of miniprogram-contract/subscribe-templates.json and the home page).
    /// </summary>
    public List<string> Pages { get; } =
    [
        "pages/index/index",
        "pages/letters/detail",
        "pages/staff/letters/detail",
        "pages/topics/detail",
        "pages/broadcasts/detail",
        "pages/orders/detail",
        "pages/staff/orders/detail",
        "pages/teams/orders/detail",
        "pages/activities/detail",
        "pages/checkin/index",
    ];

    /// <summary>
    /// FromUserName of <c>wxa_media_check</c> pushes: the platform's push account, the same for every verdict (doc
    /// "多媒体内容安全识别 mediaCheckAsync": FromUserName 平台推送服务UserName), not the openid that was checked. The
    /// default is the value in the documentation's example push.
    /// </summary>
    public string PlatformPushUserName { get; set; } = "o4_t144jTUSEoxydysUA2E234_tc";

    /// <summary>
    /// How long after a login (jscode2session) or a recorded visit an openid counts as having used the mini-program, which
    /// msg_sec_check and media_check_async v2 require (doc "文本内容安全识别": openid 用户需在近两小时访问过小程序;
    /// otherwise 61010).
    /// </summary>
    public TimeSpan ActiveUserWindow { get; set; } = TimeSpan.FromHours(2);

    /// <summary>
    /// Test switch: accept media_url over plain http on a non-loopback host. Off by default: our SAS URLs are https
    /// and WECHAT.md requires https; loopback http (Azurite) is always accepted because only a local stack has one.
    /// </summary>
    public bool AllowInsecureMediaUrls { get; set; }

    /// <summary>Lifetime of a phone-number code (doc "手机号快速验证 getPhoneNumber": 每个 code 只能使用一次,code 的有效期为 5min).</summary>
    public TimeSpan PhoneCodeLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The IP whitelist (IP白名单) of the mini-program: stable_token from any other caller address answers 40164
    /// "invalid ip ..., not in whitelist" (doc "获取稳定版接口调用凭据 getStableAccessToken"). Loopback by default,
    /// since the simulator only listens there; a test may empty it or list other addresses.
    /// </summary>
    public List<string> WhitelistedIps { get; } = ["127.0.0.1", "::1"];

    /// <summary>force_refresh calls allowed per day (doc "getStableAccessToken": 强制刷新模式 限制每天20次).</summary>
    public int ForceRefreshDailyLimit { get; set; } = 20;

    /// <summary>
    /// Minimum spacing of forced refreshes (doc "getStableAccessToken": 连续使用该模式时,请保证调用时间隔至少为30s,否则不会刷新):
    /// a force_refresh sooner than this returns the current token without refreshing.
    /// </summary>
    public TimeSpan ForceRefreshMinInterval { get; set; } = TimeSpan.FromSeconds(30);

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
