using GongTongDizao.Core.Features.Notifications;

namespace GongTongDizao.Core.Tests.Handlers;

/// <summary>A broadcast page's inbox writes through the bulk client, against the emulator: packed, and still exactly once.</summary>
[Collection(HandlersCollection.Name)]
public sealed class InboxBulkTests(HandlerFixture fixture) : HandlerTest(fixture)
{
    [Fact]
    public async Task Items_written_at_once_in_bulk_are_each_created_once_and_a_second_try_finds_them_all()
    {
        // More than one batch of 100, for as many people (partitions) as a page holds.
        var inbox = Scope.Get<InboxStore>();
        var eventId = Guid.NewGuid().ToString("N");
        var items = Enumerable.Range(0, 150).Select(i => Item($"u-bulk-{eventId[..8]}-{i}", eventId)).ToList();

        var first = await Task.WhenAll(items.Select(item => inbox.TryCreateInBulkAsync(item, CancellationToken.None)));
        var second = await Task.WhenAll(items.Select(item => inbox.TryCreateInBulkAsync(item with { Title = "第二次" }, CancellationToken.None)));

        Assert.All(first, Assert.True);
        Assert.All(second, Assert.False);
        foreach (var item in items.Where((_, i) => i % 37 == 0))
        {
            var stored = await inbox.FindAsync(item.UserId, item.Id, CancellationToken.None);
            Assert.Equal("社区通知", stored!.Title);
        }
    }

    private static InboxItem Item(string userId, string eventId) => new()
    {
        Id = NotificationKinds.InboxId(eventId),
        UserId = userId,
        EventId = eventId,
        EventType = "broadcast.created",
        EntityType = "broadcast",
        EntityId = eventId,
        OrgId = "420106001",
        Title = "社区通知",
        CreatedAt = HandlerScope.Start,
    };
}
