namespace GongTongDizao.Core.Events;

/// <summary>
/// A stored item that carries its not-yet-published events in the same document, so saving the change and
/// recording its events is one atomic write ("no lost events", DESIGN.md section 4).
/// </summary>
public interface IHasOutbox
{
    string Id { get; }

    IReadOnlyList<DomainEvent> Outbox { get; }
}
