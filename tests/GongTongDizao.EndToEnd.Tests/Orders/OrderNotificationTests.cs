using System.Globalization;
using System.Text.Json;
using GongTongDizao.Testing;
using GongTongDizao.WeChat.Simulator;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.EndToEnd.Tests.Orders;

/// <summary>
/// Who 青年点单 tells, through the real queues of the worker: the inbox item each person reads and, where they allowed
/// it (a quota reported by the mini-program and held by WeChat), the subscribe message the WeChat simulator received.
/// </summary>
[Collection(OrderNotificationsCollection.Name)]
public sealed class OrderNotificationTests(OrdersFixture host)
{
    private WeChatSimulatorState WeChat => host.Services.GetRequiredService<WeChatSimulator>().State;

    [Fact]
    public async Task The_resident_is_told_when_the_order_is_approved_taken_and_delivered()
    {
        var resident = await SubscriberAsync("居民刘阿姨", OrdersFixture.Community, "orderApproved", "orderTaken", "orderDelivered");
        var (teamId, leader) = await host.TeamAsync("通知测试服务队");
        var staff = await host.StaffAsync();
        var title = Title("学用手机");
        var id = await PlaceAsync(resident, title);

        await host.OkAsync(HttpMethod.Post, $"api/orders/{id}/approve", staff);
        var approved = await host.InboxItemAsync(resident.Token, "order.approved", id);
        await host.OkAsync(HttpMethod.Post, $"api/orders/{id}/dispatch", staff, new { teamId });
        await host.OkAsync(HttpMethod.Post, $"api/orders/{id}/take", leader.Token, new { teamId, volunteerIds = new[] { leader.Id } });
        var taken = await host.InboxItemAsync(resident.Token, "order.taken", id);
        await host.OkAsync(HttpMethod.Post, $"api/orders/{id}/deliver", leader.Token, new { note = "已上门教会老人用手机。" });
        var delivered = await host.InboxItemAsync(resident.Token, "order.delivered", id);

        Assert.Equal(("您的点单已通过审核", title), (approved.GetProperty("title").GetString(), approved.GetProperty("summary").GetString()));
        Assert.Equal($"pages/orders/detail?id={Uri.EscapeDataString(id)}", approved.GetProperty("page").GetString());
        Assert.Equal(("您的点单已有队伍接单", $"{title}：通知测试服务队"), (taken.GetProperty("title").GetString(), taken.GetProperty("summary").GetString()));
        Assert.Equal("服务已完成，请您评价", delivered.GetProperty("title").GetString());
        Assert.Equal($"pages/orders/detail?id={Uri.EscapeDataString(id)}&action=rate", delivered.GetProperty("page").GetString());
        var approvedMessage = await MessageAsync(resident, approved, "orderApproved", title);
        Assert.Equal("已通过", approvedMessage.Data["phrase2"]);
        Assert.Equal($"pages/orders/detail?id={Uri.EscapeDataString(id)}", approvedMessage.Page);
        var takenMessage = await MessageAsync(resident, taken, "orderTaken", title);
        Assert.Equal(("通知测试服务队", "服务中"), (takenMessage.Data["thing2"], takenMessage.Data["phrase3"]));
        var deliveredMessage = await MessageAsync(resident, delivered, "orderDelivered", title);
        Assert.Equal(("通知测试服务队", "服务已完成，请点击进入评价"), (deliveredMessage.Data["thing2"], deliveredMessage.Data["thing4"]));
        Assert.True(await host.HasNoInboxItemAsync(leader.Token, "order.taken", id), "the team that took it is not told it took it");
    }

    [Fact]
    public async Task The_resident_is_told_of_a_rejection_with_the_reason()
    {
        var resident = await SubscriberAsync("居民赵大爷", OrdersFixture.Community, "orderRejected");
        var title = Title("疏通下水道");
        var id = await PlaceAsync(resident, title);

        await host.OkAsync(HttpMethod.Post, $"api/orders/{id}/reject", await host.StaffAsync(), new { reason = "请联系物业报修" });
        var rejected = await host.InboxItemAsync(resident.Token, "order.rejected", id);

        Assert.Equal(("您的点单未通过审核", $"{title}：请联系物业报修"), (rejected.GetProperty("title").GetString(), rejected.GetProperty("summary").GetString()));
        var message = await MessageAsync(resident, rejected, "orderRejected", title);
        Assert.Equal(("未通过", "请联系物业报修"), (message.Data["phrase2"], message.Data["thing3"]));
        var (_, view) = await host.ReadAsync(resident.Token, id);
        Assert.Equal("请联系物业报修", view.GetProperty("officeNote").GetString());
    }

    [Fact]
    public async Task A_dispatched_order_tells_the_leaders_of_that_team_only()
    {
        var (teamId, leader) = await SubscribedTeamAsync("派单一队", OrdersFixture.Street, "orderDispatched");
        var (otherTeamId, otherLeader) = await SubscribedTeamAsync("派单二队", OrdersFixture.Street, "orderDispatched");
        var staff = await host.StaffAsync();
        var (id, title) = await ApprovedAsync("修理晾衣架");
        var (sentinel, sentinelTitle) = await ApprovedAsync("搬运旧家具");

        await host.OkAsync(HttpMethod.Post, $"api/orders/{id}/dispatch", staff, new { teamId });
        var told = await host.InboxItemAsync(leader.Token, "order.dispatched", id);
        await host.OkAsync(HttpMethod.Post, $"api/orders/{sentinel}/dispatch", staff, new { teamId = otherTeamId });
        var sentinelItem = await host.InboxItemAsync(otherLeader.Token, "order.dispatched", sentinel);

        Assert.Equal(("有一份点单派给您的队伍", title), (told.GetProperty("title").GetString(), told.GetProperty("summary").GetString()));
        Assert.Equal($"pages/teams/orders/detail?id={Uri.EscapeDataString(id)}", told.GetProperty("page").GetString());
        var message = await MessageAsync(leader, told, "orderDispatched", title);
        Assert.Equal(("智能手机帮教", "已派单"), (message.Data["thing2"], message.Data["phrase3"]));
        await MessageAsync(otherLeader, sentinelItem, "orderDispatched", sentinelTitle);
        // The other team's own dispatch has arrived through the same pipeline: had it been told of the first, it would be there.
        Assert.True(await host.HasNoInboxItemAsync(otherLeader.Token, "order.dispatched", id), "a team the order was not dispatched to is not told");
        Assert.DoesNotContain(WeChat.SentMessages, m => m.ToOpenId == otherLeader.OpenId && m.Data.GetValueOrDefault("thing1") == title);
    }

    [Fact]
    public async Task A_pooled_order_tells_the_leaders_of_every_team_serving_the_community_and_no_team_elsewhere()
    {
        var (_, streetLeader) = await SubscribedTeamAsync("街道抢单队", OrdersFixture.Street, "orderPooled");
        var (_, communityLeader) = await SubscribedTeamAsync("社区抢单队", OrdersFixture.Community, "orderPooled");
        var (_, elsewhere) = await SubscribedTeamAsync("邻街抢单队", OrdersFixture.OtherStreet, "orderPooled", "orderApproved");
        var (id, title) = await ApprovedAsync("陪老人散步");

        await host.OkAsync(HttpMethod.Post, $"api/orders/{id}/pool", await host.StaffAsync());
        var toStreet = await host.InboxItemAsync(streetLeader.Token, "order.pooled", id);
        var toCommunity = await host.InboxItemAsync(communityLeader.Token, "order.pooled", id);
        // The sentinel: an order of the other street's leader's own, approved after the pooling and told through the same queues.
        var own = await PlaceAsync(elsewhere, Title("自己的点单"));
        await host.OkAsync(HttpMethod.Post, $"api/orders/{own}/approve", await host.StaffAsync());
        await host.InboxItemAsync(elsewhere.Token, "order.approved", own);

        Assert.Equal(("有一份点单等待接单", title), (toStreet.GetProperty("title").GetString(), toStreet.GetProperty("summary").GetString()));
        Assert.Equal("有一份点单等待接单", toCommunity.GetProperty("title").GetString());
        Assert.Equal("待接单", (await MessageAsync(streetLeader, toStreet, "orderPooled", title)).Data["phrase3"]);
        Assert.Equal("待接单", (await MessageAsync(communityLeader, toCommunity, "orderPooled", title)).Data["phrase3"]);
        Assert.True(await host.HasNoInboxItemAsync(elsewhere.Token, "order.pooled", id), "a team of another street is not told");
        Assert.DoesNotContain(WeChat.SentMessages, m => m.ToOpenId == elsewhere.OpenId && m.TemplateId == "local-orderPooled" && m.Data.GetValueOrDefault("thing1") == title);
    }

    [Fact]
    public async Task A_rating_of_two_or_less_tells_the_office_in_scope()
    {
        var office = await SubscriberAsync("团委值班员", OrdersFixture.OtherCommunity, "orderRatedLow");
        var (status, granted) = await host.SendAsync(HttpMethod.Post, $"api/manage/users/{office.Id}/roles", body: new { role = "youthLeagueWorker", orgId = OrdersFixture.Street }, functionKey: DevHostFixture.FunctionKey);
        Assert.True(status == 200, granted.ToString());
        var (teamId, leader) = await host.TeamAsync("低分测试队");
        var staff = await host.StaffAsync();
        var (id, title) = await ApprovedAsync("陪同去银行");

        await host.OkAsync(HttpMethod.Post, $"api/orders/{id}/dispatch", staff, new { teamId });
        await host.OkAsync(HttpMethod.Post, $"api/orders/{id}/take", leader.Token, new { teamId, volunteerIds = new[] { leader.Id } });
        await host.OkAsync(HttpMethod.Post, $"api/orders/{id}/deliver", leader.Token, new { note = "已陪同办理。" });
        var reopened = await host.OkAsync(HttpMethod.Post, $"api/orders/{id}/rating", _requesters[id], new { stars = 2, comment = "来晚了一个小时" });
        var told = await host.InboxItemAsync(office.Token, "order.rated_low", id);

        Assert.Equal("reopened", reopened.GetProperty("status").GetString());
        Assert.Equal(("有点单评价较低，请复核", title), (told.GetProperty("title").GetString(), told.GetProperty("summary").GetString()));
        Assert.Equal($"pages/staff/orders/detail?id={Uri.EscapeDataString(id)}", told.GetProperty("page").GetString());
        var message = await MessageAsync(office, told, "orderRatedLow", title);
        Assert.Equal(("2", "待复核"), (message.Data["number2"], message.Data["phrase3"]));
    }

    private readonly Dictionary<string, string> _requesters = [];

    /// <summary>A person of <paramref name="community"/> who allowed one message of each template: reported by the mini-program, held by WeChat.</summary>
    private async Task<Subscriber> SubscriberAsync(string name, string community, params string[] templates)
    {
        var code = $"dev-{Guid.NewGuid():N}";
        var token = await host.LoginAsync(code);
        var me = await host.OkAsync(HttpMethod.Put, "api/me", token, new { displayName = name, homeCommunityId = community });
        var subscriber = new Subscriber(token, me.GetProperty("id").GetString()!, WeChatSimulator.OpenIdFor(code));
        if (templates.Length > 0)
        {
            await host.OkAsync(HttpMethod.Post, "api/me/subscriptions", token, new { results = templates.ToDictionary(t => t, _ => "accept") });
        }

        foreach (var template in templates)
        {
            WeChat.GrantQuota(subscriber.OpenId, "local-" + template, 1);
        }

        return subscriber;
    }

    /// <summary>A team of <paramref name="orgId"/> founded by a youth-league worker of that node, led by a subscriber.</summary>
    private async Task<(string TeamId, Subscriber Leader)> SubscribedTeamAsync(string name, string orgId, params string[] templates)
    {
        var leader = await SubscriberAsync(name + "队长", OrdersFixture.Community, templates);
        var staff = orgId is OrdersFixture.Street or OrdersFixture.Community ? await host.StaffAsync() : await host.StaffOfAsync(orgId);
        var team = await host.OkAsync(HttpMethod.Post, "api/staff/teams", staff, new { name, kind = "volunteer_team", orgId, leaderIds = new[] { leader.Id }, categories = new[] { "digital_help" } });
        return (team.GetProperty("id").GetString()!, leader);
    }

    private async Task<string> PlaceAsync(Subscriber requester, string title)
    {
        var order = await host.PlaceAsync(requester.Token, title);
        var id = order.GetProperty("id").GetString()!;
        _requesters[id] = requester.Token;
        return id;
    }

    /// <summary>An order of a new resident (no quota: only the team or office under test is told by message), approved by the office.</summary>
    private async Task<(string Id, string Title)> ApprovedAsync(string what)
    {
        var resident = await SubscriberAsync("居民" + what[..2], OrdersFixture.Community);
        var title = Title(what);
        var id = await PlaceAsync(resident, title);
        await host.OkAsync(HttpMethod.Post, $"api/orders/{id}/approve", await host.StaffAsync());
        return (id, title);
    }

    /// <summary>
    /// Waits for the delivery of <paramref name="inboxItem"/> to be decided, then for the subscribe message of
    /// <paramref name="template"/> about the order titled <paramref name="title"/> that the WeChat simulator received.
    /// </summary>
    private async Task<SentSubscribeMessage> MessageAsync(Subscriber to, JsonElement inboxItem, string template, string title)
    {
        var inboxId = inboxItem.GetProperty("id").GetString()!;
        JsonElement? delivery = null;
        await Eventually.TrueAsync(async () => (delivery = await host.DeliveryAsync(to.Id, inboxId)) is { } d && d.GetProperty("status").GetString() != "pending", TimeSpan.FromSeconds(90), $"{template} is delivered");
        Assert.True(
            delivery!.Value.GetProperty("status").GetString() == "sent",
            $"{delivery.Value} quota left {WeChat.GetRemainingQuota(to.OpenId, "local-" + template)}; sent to them: {string.Join(" | ", WeChat.SentMessages.Where(m => m.ToOpenId == to.OpenId).Select(m => $"{m.TemplateId} {m.SentAt:O} {string.Join(',', m.Data.Values)}"))}");
        Assert.Equal(template, delivery.Value.GetProperty("templateKey").GetString());
        SentSubscribeMessage? sent = null;
        await Eventually.TrueAsync(
            () => Task.FromResult((sent = WeChat.SentMessages.FirstOrDefault(m => m.ToOpenId == to.OpenId && m.TemplateId == "local-" + template && m.Data.GetValueOrDefault("thing1") == title)) is not null),
            TimeSpan.FromSeconds(30),
            $"{template} reaches WeChat");
        return sent!;
    }

    /// <summary>Titles differ per test run, so a message is found by its title among everything the shared simulator received.</summary>
    private static string Title(string what) => what + Random.Shared.Next(1000, 9999).ToString(CultureInfo.InvariantCulture);

    private sealed record Subscriber(string Token, string Id, string OpenId);
}

/// <summary>
/// The workers of every host share the emulators' queues, so beside another host a delivery may be taken by that
/// host's worker and sent to its own WeChat simulator, where these tests granted no quota. The subscribe messages are
/// asserted on this host's simulator, so nothing else runs beside them (an orders host of their own, after the rest).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class OrderNotificationsCollection : ICollectionFixture<OrdersFixture>
{
    public const string Name = "Serial: order notifications";
}
