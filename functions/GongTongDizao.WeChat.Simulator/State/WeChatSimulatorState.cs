using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GongTongDizao.WeChat.Simulator;

/// <summary>
/// Everything the simulator remembers, in memory and thread-safe, plus the test controls (login codes,
/// quotas, faults, inspection, reset). One instance per simulator; a host that mounts the endpoints gets it
/// from DI.
/// </summary>
public sealed class WeChatSimulatorState : IDisposable
{
    private readonly List<SentSubscribeMessage> _sent = [];
    private readonly Lock _sentLock = new();
    private readonly CancellationTokenSource _shutdown = new();
    private long _nextMsgId = 2_147_483_648_000;

    public WeChatSimulatorState(WeChatSimulatorOptions options)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        Logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("GongTongDizao.WeChat.Simulator");
        LoginCodes = new LoginCodeStore(options);
        PhoneCodes = new PhoneCodeStore(options);
        ActiveUsers = new ActiveUserStore(options);
        Tokens = new AccessTokenStore(options, Issued);
        Pushes = new PushDispatcher(options, Logger);
    }

    public WeChatSimulatorOptions Options { get; }

    /// <summary>Subscribe messages accepted so far, oldest first.</summary>
    public IReadOnlyList<SentSubscribeMessage> SentMessages
    {
        get
        {
            lock (_sentLock)
            {
                return _sent.ToArray();
            }
        }
    }

    public SimulatorStats Stats => Calls.Snapshot();

    public IReadOnlyList<SimulatorFault> Faults => FaultBoard.Snapshot();

    public IReadOnlyList<PushDeliveryRecord> PushDeliveries => Pushes.Deliveries;

    /// <summary>Completes once <paramref name="count"/> push deliveries are recorded: each is recorded when its receiver has answered, just after the receiver read the push.</summary>
    public Task WhenPushesRecordedAsync(int count, CancellationToken cancellationToken) => Pushes.WhenRecordedAsync(count, cancellationToken);

    /// <summary>Access tokens, openids, unionids and session keys handed out since the simulator started.</summary>
    public IssuedCredentials Issued { get; } = new();

    internal ILogger Logger { get; }

    internal LoginCodeStore LoginCodes { get; }

    internal PhoneCodeStore PhoneCodes { get; }

    internal ActiveUserStore ActiveUsers { get; }

    internal AccessTokenStore Tokens { get; }

    internal QuotaStore Quotas { get; } = new();

    internal CallStats Calls { get; } = new();

    internal FaultSwitchboard FaultBoard { get; } = new();

    internal PushDispatcher Pushes { get; }

    internal CancellationToken ShutdownToken => _shutdown.Token;

    /// <summary>Issues a single-use login code, as <c>wx.login</c> would, for <paramref name="openId"/> or a new user.</summary>
    public IssuedLoginCode IssueLoginCode(string? openId = null)
    {
        var (code, owner) = LoginCodes.Issue(openId);
        return new IssuedLoginCode(code, owner);
    }

    /// <summary>
    /// Issues a single-use phone-number code for <paramref name="phoneNumber"/>, as the phone-number button would hand
    /// the mini-program; valid for <see cref="WeChatSimulatorOptions.PhoneCodeLifetime"/>, and, when
    /// <paramref name="openId"/> is given, only for that user.
    /// </summary>
    public string IssuePhoneCode(string phoneNumber, string? openId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(phoneNumber);
        return PhoneCodes.Issue(phoneNumber, openId);
    }

    /// <summary>Records that <paramref name="openId"/> used the mini-program now (as a login does), for content security v2.</summary>
    public void RecordVisit(string openId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(openId);
        ActiveUsers.Seen(openId);
    }

    /// <summary>Records that the user accepted <paramref name="count"/> one-time sends (or a long-term subscription).</summary>
    public int GrantQuota(string openId, string templateId, int count = 1, bool longTerm = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(openId);
        ArgumentException.ThrowIfNullOrWhiteSpace(templateId);
        return Quotas.Grant(openId, templateId, count, longTerm).Remaining;
    }

    public int GetRemainingQuota(string openId, string templateId) => Quotas.Get(openId, templateId).Remaining;

    public void AddFault(SimulatorFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        FaultBoard.Add(fault);
    }

    public void ClearFaults() => FaultBoard.Clear();

    /// <summary>
    /// Sends an arbitrary push (e.g. a <c>subscribe_msg_popup_event</c>) to the push URL, signed and encrypted
    /// per the options; ToUserName, CreateTime and MsgType are filled in when missing.
    /// </summary>
    public Task<PushDeliveryRecord> PushEventAsync(JsonObject message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        message["ToUserName"] ??= Options.OriginalId;
        message["CreateTime"] ??= Options.TimeProvider.GetUtcNow().ToUnixTimeSeconds();
        message["MsgType"] ??= "event";
        return Pushes.DeliverAsync(message, cancellationToken);
    }

    /// <summary>Forgets codes, tokens, quotas, sent messages, statistics, faults and push records.</summary>
    public void Reset()
    {
        LoginCodes.Clear();
        PhoneCodes.Clear();
        ActiveUsers.Clear();
        Tokens.Clear();
        Quotas.Clear();
        Calls.Clear();
        FaultBoard.Clear();
        Pushes.Clear();
        lock (_sentLock)
        {
            _sent.Clear();
        }
    }

    public void Dispose()
    {
        _shutdown.Cancel();
        _shutdown.Dispose();
        Pushes.Dispose();
    }

    internal string NextMsgId() => Interlocked.Increment(ref _nextMsgId).ToString(System.Globalization.CultureInfo.InvariantCulture);

    internal void RecordSent(SentSubscribeMessage message)
    {
        lock (_sentLock)
        {
            _sent.Add(message);
        }
    }

    /// <summary>Runs <paramref name="work"/> after <paramref name="delay"/> in the background, cancelled at shutdown.</summary>
    internal void RunLater(TimeSpan delay, Func<CancellationToken, Task> work)
    {
        var token = _shutdown.Token;
        _ = Task.Run(async () =>
        {
            try
            {
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, Options.TimeProvider, token);
                }

                await work(token);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                // The simulator is stopping.
            }
#pragma warning disable CA1031 // A background push must not crash the process; the failure is logged.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Logger.LogError(ex, "A background push failed");
            }
        }, CancellationToken.None);
    }
}
