using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using GongTongDizao.Core.Events;
using GongTongDizao.Core.Features.Identity;
using GongTongDizao.Core.Features.Notifications;
using GongTongDizao.Core.Features.Orgs;
using GongTongDizao.Testing;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GongTongDizao.EndToEnd.Tests.Notifications;

[Collection(NotificationsCollection.Name)]
public sealed class FanOutTests(NotificationsFixture host)
{
    // Deliveries share one queue with every suite running beside this one on two cores: allow for the backlog.
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Letter_submitted_reaches_the_youth_workers_covering_the_community_and_nobody_else()
    {
        var (street, community, other) = await host.ImportTreeAsync();
        var atStreet = await host.CreateUserAsync(roles: NotificationsFixture.Role(Role.YouthLeagueWorker, street));
        var atCommunity = await host.CreateUserAsync(roles: NotificationsFixture.Role(Role.YouthLeagueWorker, community));
        var atOtherCommunity = await host.CreateUserAsync(roles: NotificationsFixture.Role(Role.YouthLeagueWorker, other));
        var federation = await host.CreateUserAsync(roles: NotificationsFixture.Role(Role.WomensFederationWorker, street));
        var author = await host.CreateUserAsync(community);

        var letter = NotificationsFixture.Event(EventTypes.LetterSubmitted, "letter", community, author.Id);
        await host.Services.GetRequiredService<EventQueue>().SendAsync(letter, CancellationToken.None);

        await ExpectInboxAsync(letter, [atStreet, atCommunity], [atOtherCommunity, federation, author]);
        var item = await host.InboxItemAsync(atStreet.Id, letter.Id);
        Assert.Equal("收到一封新的青年信箱来信", item!.Title);
        Assert.Equal($"pages/staff/letters/detail?id={letter.EntityId}", item.Page);
    }

    [Fact]
    public async Task Letter_accepted_and_replied_reach_the_author_only()
    {
        var (street, community, _) = await host.ImportTreeAsync();
        var worker = await host.CreateUserAsync(roles: NotificationsFixture.Role(Role.YouthLeagueWorker, street));
        var author = await host.CreateUserAsync(community);
        var neighbour = await host.CreateUserAsync(community);
        var data = new JsonObject { ["title"] = "楼道灯不亮", ["authorId"] = author.Id, ["replySummary"] = "已联系物业维修" };

        var accepted = NotificationsFixture.Event(EventTypes.LetterAccepted, "letter", community, worker.Id, (JsonObject)data.DeepClone());
        var replied = NotificationsFixture.Event(EventTypes.LetterReplied, "letter", community, worker.Id, (JsonObject)data.DeepClone());
        await host.Services.GetRequiredService<EventQueue>().SendAsync(accepted, CancellationToken.None);
        await host.Services.GetRequiredService<EventQueue>().SendAsync(replied, CancellationToken.None);

        await ExpectInboxAsync(accepted, [author], [worker, neighbour]);
        await ExpectInboxAsync(replied, [author], [worker, neighbour]);
        Assert.Equal("楼道灯不亮：已联系物业维修", (await host.InboxItemAsync(author.Id, replied.Id))!.Summary);
    }

    [Fact]
    public async Task Letter_overdue_reaches_youth_workers_above_the_community_only()
    {
        var (street, community, _) = await host.ImportTreeAsync();
        var atStreet = await host.CreateUserAsync(roles: NotificationsFixture.Role(Role.YouthLeagueWorker, street));
        var atCommunity = await host.CreateUserAsync(roles: NotificationsFixture.Role(Role.YouthLeagueWorker, community));

        var overdue = NotificationsFixture.Event(EventTypes.LetterOverdue, "letter", community, "system");
        await host.Services.GetRequiredService<EventQueue>().SendAsync(overdue, CancellationToken.None);

        await ExpectInboxAsync(overdue, [atStreet], [atCommunity]);
    }

    [Fact]
    public async Task Topic_threshold_reaches_women_representatives_and_federation_workers_in_scope()
    {
        var (street, community, other) = await host.ImportTreeAsync();
        var representative = await host.CreateUserAsync(community, NotificationsFixture.Role(Role.WomenRepresentative, community));
        var federation = await host.CreateUserAsync(roles: NotificationsFixture.Role(Role.WomensFederationWorker, street));
        var otherRepresentative = await host.CreateUserAsync(other, NotificationsFixture.Role(Role.WomenRepresentative, other));
        var youth = await host.CreateUserAsync(roles: NotificationsFixture.Role(Role.YouthLeagueWorker, street));
        var author = await host.CreateUserAsync(community);

        var reached = NotificationsFixture.Event(EventTypes.TopicThresholdReached, "topic", community, author.Id, new JsonObject { ["title"] = "增设儿童游乐区", ["secondCount"] = 12 });
        await host.Services.GetRequiredService<EventQueue>().SendAsync(reached, CancellationToken.None);

        await ExpectInboxAsync(reached, [representative, federation], [otherRepresentative, youth, author]);
    }

    /// <summary>
    /// Topic audiences come from the Topics feature; the fan-out runs here with a known audience so the test does not
    /// depend on topic documents, and directly (not from the queue) because other hosts poll it with their own services.
    /// </summary>
    [Theory]
    [InlineData(EventTypes.TopicMeetingScheduled, "seconders")]
    [InlineData(EventTypes.TopicDecided, "authorAndSeconders")]
    [InlineData(EventTypes.TopicCompleted, "participants")]
    public async Task Topic_events_reach_the_topic_audience_of_their_type_except_the_actor(string eventType, string expectedList)
    {
        var (_, community, _) = await host.ImportTreeAsync();
        var people = new Dictionary<string, UserAccount>();
        foreach (var name in new[] { "author", "seconder", "registrant", "commenter", "staff" })
        {
            people[name] = await host.CreateUserAsync(community);
        }

        var audience = new FakeTopicAudience(
            seconders: [people["seconder"].Id, people["registrant"].Id, people["staff"].Id],
            authorAndSeconders: [people["author"].Id, people["seconder"].Id],
            participants: [people["author"].Id, people["seconder"].Id, people["registrant"].Id, people["commenter"].Id]);
        var topicEvent = NotificationsFixture.Event(eventType, "topic", community, people["staff"].Id, new JsonObject { ["title"] = "增设儿童游乐区", ["place"] = "社区会议室", ["outcome"] = "通过" });

        var recipients = await FanOutWith(audience).HandleAsync(topicEvent, CancellationToken.None);

        var expected = expectedList switch
        {
            "seconders" => new[] { "seconder", "registrant" },
            "authorAndSeconders" => ["author", "seconder"],
            _ => ["author", "seconder", "registrant", "commenter"],
        };
        Assert.Equal(expected.Length, recipients);
        foreach (var (name, user) in people)
        {
            var item = await host.InboxItemAsync(user.Id, topicEvent.Id);
            Assert.True(expected.Contains(name) == (item is not null), $"{name} {(item is null ? "missed" : "got")} {eventType}");
        }

        if (eventType == EventTypes.TopicCompleted)
        {
            Assert.Contains("action=evaluate", (await host.InboxItemAsync(people["author"].Id, topicEvent.Id))!.Page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_redelivered_event_creates_nothing_twice()
    {
        var (_, community, _) = await host.ImportTreeAsync();
        var author = await host.CreateUserAsync(community);
        var accepted = NotificationsFixture.Event(EventTypes.LetterAccepted, "letter", community, "staff", new JsonObject { ["title"] = "噪音扰民", ["authorId"] = author.Id });
        var fanOut = host.Services.GetRequiredService<FanOutEvent>();

        await fanOut.HandleAsync(accepted, CancellationToken.None);
        await fanOut.HandleAsync(accepted, CancellationToken.None);

        var query = new QueryDefinition("SELECT VALUE COUNT(1) FROM c WHERE c.userId = @u AND c.kind = 'inbox'").WithParameter("@u", author.Id);
        var count = (await host.Notifications.GetItemQueryIterator<int>(query, requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(author.Id) }).ReadNextAsync()).Sum();
        Assert.Equal(1, count);
        // Both runs queued a delivery; the delivery record lets only one of them through.
        await Eventually.TrueAsync(async () => (await host.DeliveryAsync(author.Id, accepted.Id)) is { Status: not DeliveryStatus.Pending }, s_wait);
        Assert.Equal(DeliveryStatus.Skipped, (await host.DeliveryAsync(author.Id, accepted.Id))!.Status);
    }

    private FanOutEvent FanOutWith(ITopicAudience audience)
    {
        var services = host.Services;
        var resolver = new AudienceResolver(services.GetRequiredService<AudienceStore>(), services.GetRequiredService<OrgDirectory>(), audience, services.GetRequiredService<ITeamAudience>());
        return new FanOutEvent(
            resolver,
            services.GetRequiredService<OrgDirectory>(),
            services.GetRequiredService<NotifyRecipient>(),
            services.GetRequiredService<BroadcastFanOut>(),
            services.GetRequiredService<IOptions<NotificationsOptions>>(),
            services.GetRequiredService<ILogger<FanOutEvent>>());
    }

    /// <summary>
    /// Waits for every expected inbox item, then for a sentinel: the same event again under a new id, sent once the
    /// first one's items are there. It takes the same queue and fan-out, so when the expected people hold its items
    /// too, an item of the first event for anybody else would have been written; nobody else holds either.
    /// </summary>
    private async Task ExpectInboxAsync(DomainEvent domainEvent, UserAccount[] expected, UserAccount[] others)
    {
        Assert.NotEmpty(expected);
        foreach (var user in expected)
        {
            await Eventually.TrueAsync(async () => await host.InboxItemAsync(user.Id, domainEvent.Id) is not null, s_wait);
        }

        var sentinel = domainEvent with { Id = Guid.NewGuid().ToString("N") };
        await host.Services.GetRequiredService<EventQueue>().SendAsync(sentinel, CancellationToken.None);
        foreach (var user in expected)
        {
            await Eventually.TrueAsync(async () => await host.InboxItemAsync(user.Id, sentinel.Id) is not null, s_wait, "the sentinel event reaches the same people");
        }

        foreach (var user in others)
        {
            Assert.Null(await host.InboxItemAsync(user.Id, domainEvent.Id));
            Assert.Null(await host.InboxItemAsync(user.Id, sentinel.Id));
        }
    }

    private sealed class FakeTopicAudience(string[] seconders, string[] authorAndSeconders, string[] participants) : ITopicAudience
    {
        public IAsyncEnumerable<string> SecondersAndRegistrantsAsync(string communityId, string topicId, CancellationToken cancellationToken) => Stream(seconders, cancellationToken);

        public IAsyncEnumerable<string> AuthorAndSecondersAsync(string communityId, string topicId, CancellationToken cancellationToken) => Stream(authorAndSeconders, cancellationToken);

        public IAsyncEnumerable<string> ParticipantsAsync(string communityId, string topicId, CancellationToken cancellationToken) => Stream(participants, cancellationToken);

        private static async IAsyncEnumerable<string> Stream(string[] ids, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            foreach (var id in ids)
            {
                await Task.Yield();
                cancellationToken.ThrowIfCancellationRequested();
                yield return id;
            }
        }
    }
}
