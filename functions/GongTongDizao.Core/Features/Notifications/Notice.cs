using GongTongDizao.Core.Events;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>What every recipient of one event is told: the inbox wording, the page it opens and the subscribe message's content.</summary>
public sealed record Notice(DomainEvent Event, EventRoute Route, string Title, string? Summary, string Page, NotificationContent Content)
{
    /// <summary>Set for a broadcast, whose deliveries count towards it.</summary>
    public string? BroadcastId => Event.Type == EventTypes.BroadcastCreated ? Event.EntityId : null;

    public static Notice For(DomainEvent domainEvent, EventRoute route, string? orgName)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        ArgumentNullException.ThrowIfNull(route);
        var definition = TemplateCatalogue.Definitions[route.TemplateKey];
        return new Notice(
            domainEvent,
            route,
            EventRoutes.InboxTitle(route, domainEvent.Data),
            EventRoutes.InboxSummary(route, domainEvent.Data),
            PageOf(domainEvent, definition),
            NotificationContent.From(domainEvent, orgName));
    }

    /// <summary>The page the notification opens: the broadcast's own page if it named one, else the template's.</summary>
    private static string PageOf(DomainEvent domainEvent, TemplateDefinition definition) =>
        domainEvent.Type == EventTypes.BroadcastCreated && domainEvent.Data["page"]?.GetValue<string>() is { Length: > 0 } page
            ? page
            : TemplateCatalogue.FillPage(definition.Page, domainEvent.EntityType, domainEvent.EntityId, domainEvent.Data);
}
