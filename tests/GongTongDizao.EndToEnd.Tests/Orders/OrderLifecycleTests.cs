using System.Text.Json;
using GongTongDizao.Core;
using GongTongDizao.Core.Features.Orders;
using GongTongDizao.Core.Timers;
using GongTongDizao.Testing;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.EndToEnd.Tests.Orders;

/// <summary>青年点单 on the real worker: the whole lifecycle, who sees the contact details, the race, the deadlines.</summary>
[Collection(OrdersCollection.Name)]
public sealed class OrderLifecycleTests(OrdersFixture host)
{
    [Fact]
    public async Task An_order_goes_from_placed_to_rated_and_every_step_is_audited()
    {
        var (teamId, leader) = await host.TeamAsync("青年突击队");
        var member = await host.MemberAsync(teamId, leader, "队员小张");
        var staff = await host.StaffAsync();
        var resident = await host.PersonAsync("居民王阿姨");
        var placed = await host.PlaceAsync(resident.Token);
        var id = placed.GetProperty("id").GetString()!;

        var (approved, _) = await host.ActAsync(staff, id, "approve");
        var (dispatched, dispatchedView) = await host.ActAsync(staff, id, "dispatch", new { teamId });
        var (_, offeredToTeam) = await host.ReadAsync(member.Token, id);
        var (took, taken) = await host.ActAsync(leader.Token, id, "take", new { teamId, volunteerIds = new[] { leader.Id, member.Id } });
        var (_, servingView) = await host.ReadAsync(member.Token, id);
        var (delivered, _) = await host.ActAsync(member.Token, id, "deliver", new { note = "已上门教会老人用手机挂号。" });
        var (rated, closed) = await host.ActAsync(resident.Token, id, "rating", new { stars = 5, comment = "志愿者很耐心" });
        var (_, afterClose) = await host.ReadAsync(member.Token, id);

        Assert.Equal("submitted", placed.GetProperty("status").GetString());
        Assert.Equal((200, 200, 200, 200, 200), (approved, dispatched, took, delivered, rated));
        Assert.Equal(teamId, dispatchedView.GetProperty("team").GetProperty("teamId").GetString());
        Assert.False(offeredToTeam.TryGetProperty("contact", out _));
        Assert.Equal("taken", taken.GetProperty("status").GetString());
        Assert.Equal(2, taken.GetProperty("volunteers").GetArrayLength());
        Assert.Equal("13800000000", servingView.GetProperty("contact").GetProperty("phone").GetString());
        Assert.Equal("closed", closed.GetProperty("status").GetString());
        Assert.Equal("rated", closed.GetProperty("closure").GetString());
        Assert.False(afterClose.TryGetProperty("contact", out _));
        var audit = await AuditActionsAsync(id);
        Assert.Equal(["order.submitted", "order.approve", "order.dispatch", "order.take", "order.deliver", "order.rate"], audit);
    }

    [Fact]
    public async Task Contact_details_reach_only_the_taking_team_and_the_order_does_not_exist_for_others()
    {
        var (teamId, leader) = await host.TeamAsync("青年先锋队");
        var (otherTeam, otherLeader) = await host.TeamAsync("邻街服务队", OrdersFixture.OtherStreet);
        var (id, resident) = await host.ApprovedAsync();
        var neighbour = await host.PersonAsync("邻居小周");
        await host.OkAsync(HttpMethod.Post, $"api/orders/{id}/pool", await host.StaffAsync());

        var (pooledStatus, pooled) = await host.ReadAsync(leader.Token, id);
        var (otherTeamBefore, _) = await host.ReadAsync(otherLeader.Token, id);
        await host.OkAsync(HttpMethod.Post, $"api/orders/{id}/take", leader.Token, new { teamId, volunteerIds = new[] { leader.Id } });
        var (_, serving) = await host.ReadAsync(leader.Token, id);
        var (neighbourStatus, _) = await host.ReadAsync(neighbour.Token, id);
        var (otherTeamStatus, _) = await host.ReadAsync(otherLeader.Token, id);
        var (_, ownView) = await host.ReadAsync(resident.Token, id);
        var (_, staffView) = await host.ReadAsync(await host.StaffAsync(), id);
        var (otherTakes, late) = await host.ActAsync(otherLeader.Token, id, "take", new { teamId = otherTeam, volunteerIds = new[] { otherLeader.Id } });
        using var stored = await host.Services.GetRequiredService<CosmosClient>().GetContainer(StoreNames.Database, StoreNames.Containers.Orders).ReadItemStreamAsync(id, new PartitionKey(OrdersFixture.Community));
        using var atRest = await JsonDocument.ParseAsync(stored.Content);

        Assert.Equal(200, pooledStatus);
        Assert.False(pooled.TryGetProperty("contact", out _));
        Assert.Equal(404, otherTeamBefore);
        Assert.Equal("王阿姨", serving.GetProperty("contact").GetProperty("name").GetString());
        Assert.Equal("13800000000", serving.GetProperty("contact").GetProperty("phone").GetString());
        Assert.DoesNotContain("13800000000", atRest.RootElement.GetRawText(), StringComparison.Ordinal);
        Assert.StartsWith("v1:", atRest.RootElement.GetProperty("contact").GetProperty("phoneProtected").GetString(), StringComparison.Ordinal);
        Assert.Equal(404, neighbourStatus);
        Assert.Equal(404, otherTeamStatus);
        Assert.True(ownView.TryGetProperty("contact", out _));
        Assert.False(staffView.TryGetProperty("contact", out _));
        Assert.Equal(404, otherTakes);
        Assert.Equal(JsonValueKind.Object, late.ValueKind);
    }

    [Fact]
    public async Task Two_teams_taking_a_pooled_order_at_once_exactly_one_wins_and_the_other_gets_a_clear_409()
    {
        var (teamA, leaderA) = await host.TeamAsync("抢单甲队");
        var (teamB, leaderB) = await host.TeamAsync("抢单乙队");
        var staff = await host.StaffAsync();
        for (var round = 0; round < 3; round++)
        {
            var (id, _) = await host.ApprovedAsync();
            await host.OkAsync(HttpMethod.Post, $"api/orders/{id}/pool", staff);

            var results = await Task.WhenAll(
                host.ActAsync(leaderA.Token, id, "take", new { teamId = teamA, volunteerIds = new[] { leaderA.Id } }),
                host.ActAsync(leaderB.Token, id, "take", new { teamId = teamB, volunteerIds = new[] { leaderB.Id } }));
            var (_, final) = await host.ReadAsync(staff, id);

            Assert.Single(results, r => r.Status == 200);
            var loser = Assert.Single(results, r => r.Status != 200);
            Assert.Equal(409, loser.Status);
            Assert.Equal("ORDER_ALREADY_TAKEN", loser.Body.GetProperty("code").GetString());
            var winner = results.Single(r => r.Status == 200).Body.GetProperty("team").GetProperty("teamId").GetString();
            Assert.Equal(winner, final.GetProperty("team").GetProperty("teamId").GetString());
            Assert.Single(await AuditActionsAsync(id), a => a == "order.take");
        }
    }

    [Fact]
    public async Task The_requester_may_cancel_until_a_team_takes_it_and_the_office_may_redispatch_a_taken_order()
    {
        var (teamA, leaderA) = await host.TeamAsync("改派甲队");
        var (teamB, _) = await host.TeamAsync("改派乙队");
        var staff = await host.StaffAsync();
        var (early, earlyResident) = await host.ApprovedAsync();
        var (id, resident) = await host.ApprovedAsync();

        var (cancelled, cancelledView) = await host.ActAsync(earlyResident.Token, early, "cancel");
        await host.OkAsync(HttpMethod.Post, $"api/orders/{id}/dispatch", staff, new { teamId = teamA });
        await host.OkAsync(HttpMethod.Post, $"api/orders/{id}/take", leaderA.Token, new { teamId = teamA, volunteerIds = new[] { leaderA.Id } });
        var (tooLate, problem) = await host.ActAsync(resident.Token, id, "cancel");
        var (moved, movedView) = await host.ActAsync(staff, id, "dispatch", new { teamId = teamB });
        var (formerTeam, _) = await host.ReadAsync(leaderA.Token, id);

        Assert.Equal(200, cancelled);
        Assert.Equal("cancelled", cancelledView.GetProperty("status").GetString());
        Assert.Equal(409, tooLate);
        Assert.Equal("INVALID_STATE", problem.GetProperty("code").GetString());
        Assert.Equal(200, moved);
        Assert.Equal("dispatched", movedView.GetProperty("status").GetString());
        Assert.Equal(teamB, movedView.GetProperty("team").GetProperty("teamId").GetString());
        Assert.Equal(0, movedView.GetProperty("volunteers").GetArrayLength());
        Assert.Equal(404, formerTeam);
    }

    [Fact]
    public async Task Minors_serve_only_with_a_guardians_consent_and_under_14s_never()
    {
        var (teamId, leader) = await host.TeamAsync("青少年服务队");
        var minor = await host.MemberAsync(teamId, leader, "中学生小李", age: 16);
        var child = await host.MemberAsync(teamId, leader, "小学生小王", age: 12, guardian: true);
        var (id, _) = await host.ApprovedAsync();
        await host.OkAsync(HttpMethod.Post, $"api/orders/{id}/dispatch", await host.StaffAsync(), new { teamId });

        var (withoutConsent, consentProblem) = await host.ActAsync(leader.Token, id, "take", new { teamId, volunteerIds = new[] { minor.Id } });
        var (withChild, childProblem) = await host.ActAsync(leader.Token, id, "take", new { teamId, volunteerIds = new[] { leader.Id, child.Id } });
        var profile = await host.OkAsync(HttpMethod.Get, "api/me/volunteer", minor.Token);
        var consented = await host.OkAsync(HttpMethod.Put, "api/me/volunteer", minor.Token, new { realName = "中学生小李", birthYear = profile.GetProperty("birthYear").GetInt32(), guardian = new { guardianName = "李妈妈", relation = "母亲" } });
        var (withConsent, taken) = await host.ActAsync(leader.Token, id, "take", new { teamId, volunteerIds = new[] { minor.Id } });

        Assert.Equal("needs_guardian_consent", profile.GetProperty("eligibility").GetString());
        Assert.Equal((409, "GUARDIAN_CONSENT_REQUIRED"), (withoutConsent, consentProblem.GetProperty("code").GetString()));
        Assert.Equal((409, "VOLUNTEER_TOO_YOUNG"), (withChild, childProblem.GetProperty("code").GetString()));
        Assert.Equal("eligible", consented.GetProperty("eligibility").GetString());
        Assert.Equal(200, withConsent);
        Assert.Equal(minor.Id, taken.GetProperty("volunteers")[0].GetProperty("userId").GetString());
    }

    [Fact]
    public async Task An_order_nobody_takes_in_time_goes_back_to_the_office_with_an_alert()
    {
        var (teamId, _) = await host.TeamAsync("超时测试队");
        var (id, _) = await host.ApprovedAsync();
        var dispatched = await host.OkAsync(HttpMethod.Post, $"api/orders/{id}/dispatch", await host.StaffAsync(), new { teamId });
        var takeBy = dispatched.GetProperty("takeBy").GetDateTimeOffset();

        host.Clock.Advance(OrdersFixture.Window + TimeSpan.FromMinutes(1));
        await DeadlineAsync(new TimerMessage(OrderDeadlineHandler.TakeTimeoutKind, id, OrdersFixture.Community, takeBy));
        JsonElement returned = default;
        await Eventually.TrueAsync(async () => (returned = (await host.ReadAsync(await host.StaffAsync(), id)).Body).GetProperty("status").GetString() == "returned", TimeSpan.FromSeconds(60), "the order returns to the office");
        var staff = await host.StaffAsync();
        await Eventually.TrueAsync(async () => (await host.OkAsync(HttpMethod.Get, "api/me/notifications", staff)).GetProperty("items").EnumerateArray().Any(n => n.GetRawText().Contains(id, StringComparison.Ordinal)), TimeSpan.FromSeconds(60), "the office is alerted");

        var last = returned.GetProperty("timeline").EnumerateArray().Last();
        Assert.Equal(("system", "take_timeout"), (last.GetProperty("actor").GetString(), last.GetProperty("action").GetString()));
        Assert.Contains("dispatch", returned.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task A_low_rating_reopens_the_order_for_review_and_an_unrated_one_closes_after_the_window()
    {
        var (teamId, leader) = await host.TeamAsync("评价测试队");
        var staff = await host.StaffAsync();
        var (low, lowResident) = await host.ApprovedAsync();
        var (quiet, _) = await host.ApprovedAsync();
        foreach (var id in new[] { low, quiet })
        {
            await host.OkAsync(HttpMethod.Post, $"api/orders/{id}/dispatch", staff, new { teamId });
            await host.OkAsync(HttpMethod.Post, $"api/orders/{id}/take", leader.Token, new { teamId, volunteerIds = new[] { leader.Id } });
            await host.OkAsync(HttpMethod.Post, $"api/orders/{id}/deliver", leader.Token, new { note = "服务已完成" });
        }

        var reopened = await host.OkAsync(HttpMethod.Post, $"api/orders/{low}/rating", lowResident.Token, new { stars = 2, comment = "来晚了" });
        var (_, officeView) = await host.ReadAsync(staff, low);
        var reviewed = await host.OkAsync(HttpMethod.Post, $"api/orders/{low}/close", staff, new { note = "已回访，队伍已改进" });
        var delivered = (await host.ReadAsync(staff, quiet)).Body.GetProperty("delivery").GetProperty("at").GetDateTimeOffset();
        host.Clock.Advance(OrdersFixture.Window + TimeSpan.FromMinutes(1));
        await DeadlineAsync(new TimerMessage(OrderDeadlineHandler.AutoCloseKind, quiet, OrdersFixture.Community, delivered + OrdersFixture.Window));
        JsonElement closed = default;
        await Eventually.TrueAsync(async () => (closed = (await host.ReadAsync(staff, quiet)).Body).GetProperty("status").GetString() == "closed", TimeSpan.FromSeconds(60), "the unrated order closes");

        Assert.Equal("reopened", reopened.GetProperty("status").GetString());
        Assert.Empty(reopened.GetProperty("allowedActions").EnumerateArray());
        Assert.Equal(["close", "dispatch", "pool"], officeView.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()!).Order());
        Assert.Equal(("closed", "reviewed"), (reviewed.GetProperty("status").GetString(), reviewed.GetProperty("closure").GetString()));
        Assert.Equal("unrated", closed.GetProperty("closure").GetString());
        Assert.Equal(TimeSpan.FromDays(7), new OrdersOptions().RatingWindow);
    }

    /// <summary>
    /// The deadline's check as the timers queue delivers it, run on the test's side with the moved clock: every DevHost
    /// of a parallel run listens on the same emulated queue, and another host's clock would put the message back.
    /// </summary>
    private Task DeadlineAsync(TimerMessage message) =>
        host.Services.GetServices<ITimerHandler>().Single(h => h.Kinds.Contains(message.Kind)).HandleAsync(message, CancellationToken.None);

    private async Task<List<string>> AuditActionsAsync(string orderId)
    {
        var events = host.Services.GetRequiredService<CosmosClient>().GetContainer(StoreNames.Database, StoreNames.Containers.Events);
        var query = new QueryDefinition("SELECT VALUE c.action FROM c WHERE c.entityId = @id ORDER BY c.at").WithParameter("@id", orderId);
        var actions = new List<string>();
        using var feed = events.GetItemQueryIterator<string>(query, requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(orderId) });
        while (feed.HasMoreResults)
        {
            actions.AddRange(await feed.ReadNextAsync());
        }

        return actions;
    }
}
