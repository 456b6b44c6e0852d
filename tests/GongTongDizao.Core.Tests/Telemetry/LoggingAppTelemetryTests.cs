using GongTongDizao.Core.Telemetry;
using Microsoft.Extensions.Logging;

namespace GongTongDizao.Core.Tests.Telemetry;

/// <summary>The default sink: one structured Information entry per event, fields named like the dimensions.</summary>
public sealed class LoggingAppTelemetryTests
{
    [Fact]
    public void An_event_is_one_information_entry_named_after_it_with_a_field_per_dimension()
    {
        var logger = new ListLogger();
        var events = new AppEvents(new LoggingAppTelemetry(logger));

        events.NotificationDelivery("sent", "letterAccepted");

        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.Equal(new EventId(LoggingAppTelemetry.EventIdNumber, "NotificationDelivery"), entry.EventId);
        Assert.Equal("NotificationDelivery outcome=sent templateKey=letterAccepted count=1", entry.Message);
        Assert.Equal(
            [
                KeyValuePair.Create<string, object?>("EventName", "NotificationDelivery"),
                KeyValuePair.Create<string, object?>("outcome", "sent"),
                KeyValuePair.Create<string, object?>("templateKey", "letterAccepted"),
                KeyValuePair.Create<string, object?>("count", "1"),
                KeyValuePair.Create<string, object?>("{OriginalFormat}", "{EventName} outcome={outcome} templateKey={templateKey} count={count}"),
            ],
            entry.Fields);
    }

    [Fact]
    public void Nothing_is_formatted_when_information_is_off()
    {
        var logger = new ListLogger { MinimumLevel = LogLevel.Warning };

        new AppEvents(new LoggingAppTelemetry(logger)).WeChatSendFailed("letterAccepted", "45009");

        Assert.Empty(logger.Entries);
    }

    private sealed class ListLogger : ILogger<LoggingAppTelemetry>
    {
        public sealed record Entry(LogLevel Level, EventId EventId, string Message, IReadOnlyList<KeyValuePair<string, object?>> Fields);

        public LogLevel MinimumLevel { get; init; } = LogLevel.Trace;

        public List<Entry> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= MinimumLevel;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add(new Entry(logLevel, eventId, formatter(state, exception), [.. (IEnumerable<KeyValuePair<string, object?>>)state!]));
    }
}
