using System.Text.Json.Nodes;
using GongTongDizao.Core.Events;
using GongTongDizao.Core.Features.Notifications;

namespace GongTongDizao.Core.Tests.Notifications;

/// <summary>The pieces of a paged broadcast that need no store: the cursor on the event and the view of its progress.</summary>
public sealed class BroadcastPagingTests
{
    private static readonly DateTimeOffset s_at = new(2026, 12, 6, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_cursor_travels_on_the_event_and_leaves_the_content_as_it_was()
    {
        var created = DomainEvent.Create(EventTypes.BroadcastCreated, "broadcast", "b1", "C1", "staff", s_at, new JsonObject { ["title"] = "停水通知", ["audience"] = "youth" });

        var (original, cursor) = FanOutCursor.Split(new FanOutCursor(3, 1, "token", 4).AttachTo(created), pageSize: 500);

        Assert.Equal(new FanOutCursor(3, 1, "token", 4), cursor);
        Assert.Equal(created.Id, original.Id);
        Assert.Equal(created.Data.ToJsonString(), original.Data.ToJsonString());
        Assert.Null(created.Data["fanOut"]);
    }

    [Fact]
    public void An_event_without_a_cursor_starts_at_the_first_page_with_the_configured_size()
    {
        var created = DomainEvent.Create(EventTypes.BroadcastCreated, "broadcast", "b1", "C1", "staff", s_at, new JsonObject { ["title"] = "停水通知" });

        var (_, cursor) = FanOutCursor.Split(created, pageSize: 500);

        Assert.Equal(FanOutCursor.First(500), cursor);
        Assert.Equal(new FanOutCursor(2, 0, "p", 500), cursor.Next(0, "p"));
    }

    [Fact]
    public void While_pages_are_read_the_view_shows_progress_and_no_total()
    {
        var view = BroadcastView.From(Broadcast() with { Sent = 1 }, new BroadcastProgress { UserId = "broadcast~b1", BroadcastId = "b1", Pages = 2, Reached = 8, Skipped = 6 });

        Assert.Equal((2, 8, 6, (int?)null, "sending"), (view.Pages, view.Reached, view.Skipped, view.Recipients, view.Status));
    }

    [Fact]
    public void After_the_last_page_the_fan_outs_own_skips_count_towards_done()
    {
        var progress = new BroadcastProgress { UserId = "broadcast~b1", BroadcastId = "b1", Pages = 3, Reached = 10, Skipped = 7, Done = true };

        var waiting = BroadcastView.From(Broadcast() with { Sent = 2 }, progress);
        var done = BroadcastView.From(Broadcast() with { Sent = 2, Skipped = 1, Recipients = 10 }, progress);

        Assert.Equal((10, 7, "sending"), (waiting.Recipients, waiting.Skipped, waiting.Status));
        Assert.Equal((10, 8, "done"), (done.Recipients, done.Skipped, done.Status));
    }

    private static BroadcastDocument Broadcast() => new()
    {
        Id = "b1",
        UserId = "broadcast~b1",
        OrgId = "C1",
        OrgName = "测试社区",
        Audience = BroadcastAudience.Youth,
        Title = "停水通知",
        Body = "明天停水",
        CreatedBy = "staff",
        CreatedAt = s_at,
    };
}
