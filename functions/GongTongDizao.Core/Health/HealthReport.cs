namespace GongTongDizao.Core.Health;

public sealed record HealthReport(string Status, IReadOnlyDictionary<string, DependencyHealth> Checks)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsHealthy => Checks.Values.All(c => c.Status == DependencyHealth.Up);
}

/// <summary>One dependency's answer: only "up"/"down" and a duration, never an exception text or an endpoint.</summary>
public sealed record DependencyHealth(string Status, long DurationMs)
{
    public const string Up = "up";
    public const string Down = "down";
}
