using System.Net;
using System.Text.Json.Nodes;
using GongTongDizao.Core;
using GongTongDizao.Core.Events;
using GongTongDizao.Core.Features.Identity;
using GongTongDizao.Core.Features.Notifications;
using GongTongDizao.Core.Features.Orgs;
using GongTongDizao.Testing;
using GongTongDizao.WeChat.Simulator;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.EndToEnd.Tests.Notifications;

/// <summary>One DevHost for every Notifications test class: several hosts would compete for the same queues.</summary>
[CollectionDefinition(Name)]
public sealed class NotificationsCollection : ICollectionFixture<NotificationsFixture>
{
    public const string Name = "Notifications";
}

/// <summary>
/// The DevHost with retries slow enough that a test drives the second try itself. Other DevHosts in the same test
/// process poll the same queues with their own simulators, so tests that depend on this host's simulator call the
/// handlers through <see cref="DevHostFixture.Services"/> instead of waiting for a queue.
/// </summary>
public sealed class NotificationsFixture : DevHostFixture
{
    public WeChatSimulator Simulator => Services.GetRequiredService<WeChatSimulator>();

    /// <summary>The worker and the handlers the tests call read this clock, so a test can avoid a day boundary.</summary>
    protected override bool UsesShiftableClock => true;

    public Container Notifications => Services.GetRequiredService<CosmosClient>().GetContainer(StoreNames.Database, StoreNames.Containers.Notifications);

    public Container Users => Services.GetRequiredService<CosmosClient>().GetContainer(StoreNames.Database, StoreNames.Containers.Users);

    protected override IEnumerable<string> Arguments() =>
    [
        .. base.Arguments(),
        "--Notifications:RetryBaseDelay=00:01:00",
        "--Notifications:LongTermTemplates:0=topicDecided",
        "--WeChat:AttemptTimeout=00:00:01",
        "--WeChat:TotalTimeout=00:00:02",
    ];

    /// <summary>A fresh street with two communities under the seeded district, so no other test's people are in scope.</summary>
    public async Task<(string Street, string Community, string OtherCommunity)> ImportTreeAsync()
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var district = (await Services.GetRequiredService<OrgDirectory>().AllAsync(CancellationToken.None)).First(o => o.Level == OrgLevel.District).Id;
        var street = "S" + suffix;
        var community = "C" + suffix;
        var other = "D" + suffix;
        var (status, body) = await this.SendAsync(HttpMethod.Post, "api/manage/orgs/import", functionKey: FunctionKey, body: new
        {
            orgs = new object[]
            {
                new { id = street, name = "测试街道" + suffix[..4], level = "street", parentId = district },
                new { id = community, name = "测试社区" + suffix[..4], level = "community", parentId = street },
                new { id = other, name = "另一社区" + suffix[..4], level = "community", parentId = street },
            },
        });
        Assert.True(status == 200, body.ToString());
        return (street, community, other);
    }

    /// <summary>A person written straight into Cosmos, with an openid the simulator accepts.</summary>
    public async Task<UserAccount> CreateUserAsync(string? homeCommunityId = null, params RoleAssignment[] roles)
    {
        var user = new UserAccount
        {
            Id = "u" + Guid.NewGuid().ToString("N")[..24],
            OpenId = "o" + Guid.NewGuid().ToString("N"),
            HomeCommunityId = homeCommunityId,
            Roles = roles,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        await Users.UpsertItemAsync(user, new PartitionKey(user.Id));
        return user;
    }

    public static RoleAssignment Role(Role role, string orgId) => new(role, orgId, DateTimeOffset.UtcNow);

    public async Task<T?> FindAsync<T>(string userId, string id)
    {
        try
        {
            return (await Notifications.ReadItemAsync<T>(id, new PartitionKey(userId))).Resource;
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return default;
        }
    }

    public Task<InboxItem?> InboxItemAsync(string userId, string eventId) => FindAsync<InboxItem>(userId, NotificationKinds.InboxId(eventId));

    public Task<DeliveryRecord?> DeliveryAsync(string userId, string eventId) => FindAsync<DeliveryRecord>(userId, NotificationKinds.DeliveryId(eventId));

    /// <summary>Gives the person <paramref name="units"/> sends of a template, both in our accounting and in the simulator.</summary>
    public async Task GrantAsync(UserAccount user, string templateKey, int units, int? simulatorUnits = null)
    {
        var quotas = Services.GetRequiredService<SubscriptionQuotas>();
        for (var i = 0; i < units; i++)
        {
            await quotas.RecordAsync(user.Id, templateKey, SubscriptionDecisions.Accept, DecisionSource.Client, CancellationToken.None);
        }

        if ((simulatorUnits ?? units) > 0)
        {
            Simulator.State.GrantQuota(user.OpenId, "local-" + templateKey, simulatorUnits ?? units);
        }
    }

    public static DomainEvent Event(string type, string entityType, string orgId, string actorId, JsonObject? data = null) =>
        DomainEvent.Create(type, entityType, entityType[0] + Guid.NewGuid().ToString("N")[..12], orgId, actorId, DateTimeOffset.UtcNow, data ?? new JsonObject { ["title"] = "小区路灯坏了" });

    public static DeliveryMessage Delivery(UserAccount user, string templateKey = "letterAccepted", string? eventId = null) => new()
    {
        EventId = eventId ?? Guid.NewGuid().ToString("N"),
        UserId = user.Id,
        TemplateKey = templateKey,
        EntityType = "letter",
        EntityId = "L1",
        Page = "pages/letters/detail?id=L1",
        Content = new NotificationContent { EventType = EventTypes.LetterAccepted, OccurredAt = DateTimeOffset.UtcNow, OrgName = "测试社区", Data = new JsonObject { ["title"] = "小区路灯坏了", ["status"] = "已受理" } },
    };
}
