namespace GongTongDizao.WeChat;

/// <summary>
/// Settings of the WeChat client, bound from the <c>WeChat</c> configuration section
/// (app settings <c>WeChat__AppId</c>, <c>WeChat__AppSecret</c>, ...). See docs/wechat-configuration.md.
/// </summary>
public sealed class WeChatClientOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "WeChat";

    /// <summary>The public WeChat host (通用域名: the nearest access point).</summary>
    public static readonly Uri DefaultBaseAddress = new("https://api.weixin.qq.com/");

    /// <summary>
    /// The documented disaster-recovery host (通用异地容灾域名), "to be used when the host above cannot be reached"
    /// (developers.weixin.qq.com/doc/service/Basic_Information/Interface_field_description.html).
    /// </summary>
    public static readonly Uri DefaultBackupAddress = new("https://api2.weixin.qq.com/");

    /// <summary>AppID of the mini-program: <c>wx</c> followed by 16 lower-case hex digits.</summary>
    public string AppId { get; set; } = string.Empty;

    /// <summary>AppSecret; comes from Key Vault (<c>wechat-app-secret</c>) and is never logged.</summary>
    public string AppSecret { get; set; } = string.Empty;

    /// <summary>Message-push Token (3 to 32 letters or digits) used for the push signatures.</summary>
    public string Token { get; set; } = string.Empty;

    /// <summary>Message-push EncodingAESKey (43 characters); required in <see cref="WeChatPushMode.Safe"/>.</summary>
    public string? EncodingAesKey { get; set; }

    /// <summary>Message-push mode; must match the console.</summary>
    public WeChatPushMode PushMode { get; set; } = WeChatPushMode.Safe;

    /// <summary>Where the server API lives; overridden to point at the simulator locally and in tests.</summary>
    public Uri BaseAddress { get; set; } = DefaultBaseAddress;

    /// <summary>
    /// Hosts tried in order after <see cref="BaseAddress"/> when it cannot be reached (a transport failure, never a
    /// WeChat errcode): <c>WeChat__BackupAddresses__0</c>, ... When not configured, the backup of the public host is
    /// <see cref="DefaultBackupAddress"/> (api2.weixin.qq.com); a non-default <see cref="BaseAddress"/> (the local
    /// simulator) has none, so a local run never falls through to the real WeChat. The regional hosts
    /// (sh./sz./hk.api.weixin.qq.com) may be listed too.
    /// </summary>
    public IList<Uri>? BackupAddresses { get; set; }

    /// <summary>Which mini-program build subscribe messages and codes open.</summary>
    public WeChatMiniProgramState MiniProgramState { get; set; } = WeChatMiniProgramState.Formal;

    /// <summary>
    /// Template key (our stable name, e.g. <c>letterReplied</c>) → WeChat template id of this environment
    /// (<c>WeChat__Templates__letterReplied</c>). Ids differ per mini-program, so they are configuration.
    /// </summary>
    public Dictionary<string, string> Templates { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Time allowed for one HTTP attempt before it is abandoned.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Time allowed for one call including transport retries.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long calls go to a backup host after <see cref="BaseAddress"/> failed, before it is tried first again.</summary>
    public TimeSpan FailoverStickiness { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The hosts in the order they are tried: <see cref="BaseAddress"/>, then the backups.</summary>
    public IReadOnlyList<Uri> ApiHosts()
    {
        var backups = BackupAddresses
            ?? (BaseAddress == DefaultBaseAddress ? [DefaultBackupAddress] : []);
        return [BaseAddress, .. backups.Where(b => b is not null && b != BaseAddress).Distinct()];
    }

    /// <summary>How far a push timestamp may be from now before the push is rejected as a replay.</summary>
    public TimeSpan PushTimestampTolerance { get; set; } = TimeSpan.FromMinutes(5);
}
