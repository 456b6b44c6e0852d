using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace GongTongDizao.WeChat.Simulator;

/// <summary>
/// Sends pushes to <see cref="WeChatSimulatorOptions.PushUrl"/> as WeChat does: signed query string, the
/// configured format and encryption mode, "success" expected, retried up to the configured attempts.
/// </summary>
internal sealed class PushDispatcher : IDisposable
{
    private readonly WeChatSimulatorOptions _options;
    private readonly SimulatorPushEncoder _encoder;
    private readonly HttpClient _http;
    private readonly ILogger _logger;
    private readonly List<PushDeliveryRecord> _deliveries = [];
    private readonly List<(int Count, TaskCompletionSource Recorded)> _waiters = [];
    private readonly Lock _lock = new();
    private int _sequence;

    public PushDispatcher(WeChatSimulatorOptions options, ILogger logger)
    {
        _options = options;
        _encoder = new SimulatorPushEncoder(options);
        _http = options.PushHandler is null ? new HttpClient() : new HttpClient(options.PushHandler, disposeHandler: false);
        _http.Timeout = TimeSpan.FromSeconds(5); // WeChat gives a push endpoint 5 seconds.
        _logger = logger;
    }

    public IReadOnlyList<PushDeliveryRecord> Deliveries
    {
        get
        {
            lock (_lock)
            {
                return _deliveries.ToArray();
            }
        }
    }

    public async Task<PushDeliveryRecord> DeliverAsync(JsonObject message, CancellationToken cancellationToken)
    {
        var id = "push-" + Interlocked.Increment(ref _sequence).ToString(CultureInfo.InvariantCulture);
        var eventName = message["Event"]?.GetValue<string>();
        var plain = _options.PushFormat == SimulatorPushFormat.Xml ? PushXml.Write(message) : message.ToJsonString();
        if (_options.PushUrl is null)
        {
            return Record(new PushDeliveryRecord(id, eventName, null, 0, false, null, plain));
        }

        var timestamp = _options.TimeProvider.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = RandomNumberGenerator.GetInt32(100_000_000, int.MaxValue).ToString(CultureInfo.InvariantCulture);
        var (url, body) = Envelope(message, plain, timestamp, nonce);

        var attempts = 0;
        int? lastStatus = null;
        var delivered = false;
        while (attempts < Math.Max(1, _options.PushMaxAttempts) && !delivered)
        {
            if (attempts > 0)
            {
                await Task.Delay(_options.PushRetryDelay, _options.TimeProvider, cancellationToken);
            }

            attempts++;
            try
            {
                using var content = new StringContent(body, Encoding.UTF8);
                content.Headers.ContentType = new MediaTypeHeaderValue(_options.PushFormat == SimulatorPushFormat.Xml ? "text/xml" : "application/json");
                using var response = await _http.PostAsync(url, content, cancellationToken);
                lastStatus = (int)response.StatusCode;
                var answer = (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
                delivered = response.IsSuccessStatusCode && (answer.Length == 0 || answer == "success");
            }
            catch (HttpRequestException ex)
            {
                _logger.LogInformation("Push {PushId} attempt {Attempt} failed: {Error}", id, attempts, ex.Message);
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                _logger.LogInformation("Push {PushId} attempt {Attempt} timed out", id, attempts);
            }
        }

        _logger.LogInformation("Push {PushId} ({EventName}) delivered={Delivered} after {Attempts} attempt(s)", id, eventName, delivered, attempts);
        return Record(new PushDeliveryRecord(id, eventName, _options.PushUrl.AbsoluteUri, attempts, delivered, lastStatus, plain));
    }

    public void Clear()
    {
        lock (_lock)
        {
            _deliveries.Clear();
        }
    }

    public void Dispose() => _http.Dispose();

    private (Uri Url, string Body) Envelope(JsonObject message, string plain, string timestamp, string nonce)
    {
        var query = new StringBuilder()
            .Append("signature=").Append(SimulatorPushEncoder.Sign(_options.Token, timestamp, nonce))
            .Append("&timestamp=").Append(timestamp)
            .Append("&nonce=").Append(nonce);
        var openId = message["FromUserName"]?.GetValue<string>();
        if (openId is not null)
        {
            query.Append("&openid=").Append(Uri.EscapeDataString(openId));
        }

        var body = plain;
        if (_options.PushMode != SimulatorPushMode.Plain)
        {
            var encrypted = _encoder.Encrypt(plain);
            query.Append("&encrypt_type=aes&msg_signature=").Append(SimulatorPushEncoder.Sign(_options.Token, timestamp, nonce, encrypted));
            body = _options.PushMode == SimulatorPushMode.Safe
                ? SafeBody(encrypted)
                : CompatibleBody(message, encrypted);
        }

        var separator = _options.PushUrl!.Query.Length > 0 ? "&" : "?";
        return (new Uri(_options.PushUrl.AbsoluteUri + separator + query), body);
    }

    private string SafeBody(string encrypted)
    {
        var envelope = new JsonObject { ["ToUserName"] = _options.OriginalId, ["Encrypt"] = encrypted };
        return _options.PushFormat == SimulatorPushFormat.Xml ? PushXml.Write(envelope) : envelope.ToJsonString();
    }

    private string CompatibleBody(JsonObject message, string encrypted)
    {
        var envelope = (JsonObject)message.DeepClone();
        envelope["Encrypt"] = encrypted;
        return _options.PushFormat == SimulatorPushFormat.Xml ? PushXml.Write(envelope) : envelope.ToJsonString();
    }

    /// <summary>Completes once <paramref name="count"/> deliveries are recorded (a delivery is recorded when its receiver has answered).</summary>
    public Task WhenRecordedAsync(int count, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_deliveries.Count >= count)
            {
                return Task.CompletedTask;
            }

            var recorded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, recorded));
            return recorded.Task.WaitAsync(cancellationToken);
        }
    }

    private PushDeliveryRecord Record(PushDeliveryRecord record)
    {
        lock (_lock)
        {
            _deliveries.Add(record);
            foreach (var waiter in _waiters.Where(w => w.Count <= _deliveries.Count).ToList())
            {
                waiter.Recorded.TrySetResult();
                _waiters.Remove(waiter);
            }
        }

        return record;
    }
}
