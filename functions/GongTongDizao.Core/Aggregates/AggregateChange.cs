using GongTongDizao.Core.Events;
using GongTongDizao.Core.Timers;

namespace GongTongDizao.Core.Aggregates;

/// <summary>
/// What a use case decided about one aggregate: its new state, the audit line, the events to publish and the deadlines
/// to schedule. The pipeline saves it; the use case never writes.
/// </summary>
public sealed record AggregateChange<T>(T After, AuditEntry Audit)
{
    public IReadOnlyList<DomainEvent> Events { get; init; } = [];

    public IReadOnlyList<TimerMessage> Timers { get; init; } = [];

    /// <summary>Nothing to change: the pipeline writes nothing and answers <paramref name="current"/>.</summary>
    public static AggregateChange<T> Unchanged(T current) => new(current, new AuditEntry(string.Empty, string.Empty, string.Empty, null, null));
}

/// <summary>The audit line of a change (actor, from, to, reason); the entity id is the aggregate's.</summary>
public sealed record AuditEntry(string EntityType, string Action, string ActorId, string? From, string? To, string? Reason = null);
