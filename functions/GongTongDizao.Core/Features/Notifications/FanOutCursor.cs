using System.Text.Json.Nodes;
using GongTongDizao.Core.Events;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>
/// Where a broadcast's fan-out continues: the page to handle and the audience position it starts from (the community
/// chunk and the store's position within it). It travels on the broadcast.created event itself, republished per page
/// with the same event id, so every page writes the same inbox and delivery ids.
/// </summary>
public sealed record FanOutCursor(int Page, int Chunk, string? Position, int PageSize)
{
    private const string Key = "fanOut";

    /// <summary>The first page, reading <paramref name="pageSize"/> residents a page.</summary>
    public static FanOutCursor First(int pageSize) => new(1, 0, null, pageSize);

    /// <summary>The cursor of the page after this one.</summary>
    public FanOutCursor Next(int chunk, string? position) => new(Page + 1, chunk, position, PageSize);

    /// <summary>The event as it was created, and where its fan-out continues (the first page of <paramref name="pageSize"/> if it names none).</summary>
    public static (DomainEvent Event, FanOutCursor Cursor) Split(DomainEvent domainEvent, int pageSize)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        if (domainEvent.Data[Key] is not JsonObject cursor)
        {
            return (domainEvent, First(pageSize));
        }

        var data = (JsonObject)domainEvent.Data.DeepClone();
        data.Remove(Key);
        return (
            domainEvent with { Data = data },
            new FanOutCursor(cursor["page"]!.GetValue<int>(), cursor["chunk"]!.GetValue<int>(), cursor["position"]?.GetValue<string>(), cursor["pageSize"]?.GetValue<int>() ?? pageSize));
    }

    /// <summary>The event that continues the fan-out at this cursor.</summary>
    public DomainEvent AttachTo(DomainEvent domainEvent)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        var data = (JsonObject)domainEvent.Data.DeepClone();
        data[Key] = new JsonObject { ["page"] = Page, ["chunk"] = Chunk, ["position"] = Position, ["pageSize"] = PageSize };
        return domainEvent with { Data = data };
    }
}
