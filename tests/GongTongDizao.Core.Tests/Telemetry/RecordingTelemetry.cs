using GongTongDizao.Core.Telemetry;

namespace GongTongDizao.Core.Tests.Telemetry;

/// <summary>Keeps every event it is given, in order.</summary>
internal sealed class RecordingTelemetry : IAppTelemetry
{
    public sealed record Event(string Name, IReadOnlyDictionary<string, string> Properties);

    public List<Event> Events { get; } = [];

    public void TrackEvent(string name, IReadOnlyDictionary<string, string> properties) => Events.Add(new Event(name, properties));
}
