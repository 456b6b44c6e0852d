using System.Collections;
using Microsoft.Extensions.Logging;

namespace GongTongDizao.Core.Telemetry;

/// <summary>
/// The default sink (the DevHost, tests): one structured Information entry per event, named after it, whose fields are
/// the event's dimensions and whose text reads <c>NotificationDelivery outcome=sent templateKey=letterAccepted count=1</c>.
/// The Functions app replaces it with Application Insights custom events.
/// </summary>
public sealed class LoggingAppTelemetry(ILogger<LoggingAppTelemetry> logger) : IAppTelemetry
{
    public const int EventIdNumber = 7000;

    public void TrackEvent(string name, IReadOnlyDictionary<string, string> properties)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(properties);
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.Log(LogLevel.Information, new EventId(EventIdNumber, name), new Entry(name, properties), null, static (entry, _) => entry.ToString());
        }
    }

    /// <summary>The fields a structured provider reads: the event name, each dimension and the message template.</summary>
    private sealed class Entry(string name, IReadOnlyDictionary<string, string> properties) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        private readonly KeyValuePair<string, object?>[] _fields =
        [
            new("EventName", name),
            .. properties.Select(p => new KeyValuePair<string, object?>(p.Key, p.Value)),
            new("{OriginalFormat}", "{EventName}" + string.Concat(properties.Keys.Select(k => $" {k}={{{k}}}"))),
        ];

        private readonly string _text = name + string.Concat(properties.Select(p => $" {p.Key}={p.Value}"));

        public int Count => _fields.Length;

        public KeyValuePair<string, object?> this[int index] => _fields[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_fields).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => _text;
    }
}
