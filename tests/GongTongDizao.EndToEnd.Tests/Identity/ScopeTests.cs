using System.Text.Json;
using GongTongDizao.Core.Authorization;
using GongTongDizao.Core.Features.Identity;
using GongTongDizao.DevHost.Seeding;
using GongTongDizao.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.EndToEnd.Tests.Identity;

/// <summary>Every role against its own node, a child, a sibling and the parent, on the seeded tree.</summary>
[Collection(IdentityCollection.Name)]
public sealed class ScopeTests(IdentityFixture host)
{
    // Role bound at 中华路街道 (420106001): child 昙华林社区, sibling 积玉桥街道, parent 武昌区.
    [Theory]
    [InlineData(Role.YouthLeagueWorker, Permission.HandleLetters)]
    [InlineData(Role.WomensFederationWorker, Permission.ManageDeliberation)]
    [InlineData(Role.WomenRepresentative, Permission.ManageDeliberation)]
    [InlineData(Role.Moderator, Permission.ModerateContent)]
    public async Task A_role_covers_its_node_and_subtree_only(Role role, Permission permission)
    {
        var authorizer = host.Services.GetRequiredService<Authorizer>();
        var user = new UserAccount { Id = "u-scope", OpenId = "o", CreatedAt = host.Time.GetUtcNow(), Roles = [new RoleAssignment(role, "420106001", host.Time.GetUtcNow())] };

        Assert.True(await authorizer.CanAsync(user, permission, "420106001", CancellationToken.None));
        Assert.True(await authorizer.CanAsync(user, permission, "420106001001", CancellationToken.None));
        Assert.True(await authorizer.CanAsync(user, permission, "420106001001001002", CancellationToken.None));
        Assert.False(await authorizer.CanAsync(user, permission, "420106008", CancellationToken.None));
        Assert.False(await authorizer.CanAsync(user, permission, "420106008001", CancellationToken.None));
        Assert.False(await authorizer.CanAsync(user, permission, "420106", CancellationToken.None));
    }

    [Fact]
    public async Task A_role_grants_only_its_own_permissions_and_a_resident_none()
    {
        var authorizer = host.Services.GetRequiredService<Authorizer>();
        var youth = new UserAccount { Id = "u-y", OpenId = "o", CreatedAt = host.Time.GetUtcNow(), Roles = [new RoleAssignment(Role.YouthLeagueWorker, "42", host.Time.GetUtcNow())] };
        var resident = new UserAccount { Id = "u-r", OpenId = "o", CreatedAt = host.Time.GetUtcNow() };

        Assert.False(await authorizer.CanAsync(youth, Permission.ManageDeliberation, "420106001001", CancellationToken.None));
        Assert.False(await authorizer.CanAsync(youth, Permission.ModerateContent, "420106001001", CancellationToken.None));
        foreach (var permission in Enum.GetValues<Permission>())
        {
            Assert.False(await authorizer.CanAsync(resident, permission, "420106001001", CancellationToken.None));
        }
    }

    [Fact]
    public async Task Granting_and_revoking_through_the_manage_functions_changes_staff_lists_and_me()
    {
        var code = $"dev-{Guid.NewGuid():N}";
        var token = await host.LoginAsync(code);
        var (_, me) = await host.SendAsync(HttpMethod.Get, "api/me", token);
        var userId = me.GetProperty("id").GetString()!;

        var (granted, roles) = await host.SendAsync(HttpMethod.Post, $"api/manage/users/{userId}/roles", body: new { role = "youthLeagueWorker", orgId = "420106008001" }, functionKey: DevHostFixture.FunctionKey);
        var (_, staffOfStreet) = await host.SendAsync(HttpMethod.Get, "api/manage/orgs/420106008/staff", functionKey: DevHostFixture.FunctionKey);
        var (_, staffOfSibling) = await host.SendAsync(HttpMethod.Get, "api/manage/orgs/420106001/staff", functionKey: DevHostFixture.FunctionKey);
        var (_, meAfter) = await host.SendAsync(HttpMethod.Get, "api/me", token);
        var (revoked, _) = await host.SendAsync(HttpMethod.Delete, $"api/manage/users/{userId}/roles/youthLeagueWorker/420106008001", functionKey: DevHostFixture.FunctionKey);
        var (_, staffAfter) = await host.SendAsync(HttpMethod.Get, "api/manage/orgs/420106008/staff", functionKey: DevHostFixture.FunctionKey);

        Assert.Equal(200, granted);
        Assert.Equal("临江社区", Assert.Single(roles.GetProperty("roles").EnumerateArray()).GetProperty("orgName").GetString());
        Assert.Contains(staffOfStreet.GetProperty("items").EnumerateArray(), s => s.GetProperty("userId").GetString() == userId);
        Assert.DoesNotContain(staffOfSibling.GetProperty("items").EnumerateArray(), s => s.GetProperty("userId").GetString() == userId);
        Assert.Equal("youthLeagueWorker", Assert.Single(meAfter.GetProperty("roles").EnumerateArray()).GetProperty("role").GetString());
        Assert.Equal(204, revoked);
        Assert.DoesNotContain(staffAfter.GetProperty("items").EnumerateArray(), s => s.GetProperty("userId").GetString() == userId);
    }

    [Fact]
    public async Task Seeded_demo_staff_cover_the_demo_community()
    {
        var authorizer = host.Services.GetRequiredService<Authorizer>();
        foreach (var (code, permission) in new[] { (DemoUsers.YouthWorker, Permission.HandleLetters), (DemoUsers.FederationWorker, Permission.ManageDeliberation), (DemoUsers.WomenRep, Permission.ManageDeliberation) })
        {
            var user = await host.AccountOfAsync(code);
            Assert.NotNull(user);
            Assert.True(await authorizer.CanAsync(user, permission, DemoData.DemoCommunityId, CancellationToken.None), code);
        }
    }

    [Fact]
    public async Task Seeded_demo_has_two_teams_of_different_kinds_and_orders_in_each_state()
    {
        // Each team as its demo leader lists it (other hosts on the same emulator may have made namesakes).
        var leader = await host.LoginAsync(DemoUsers.TeamLeader);
        var (listed, serving) = await host.SendAsync(HttpMethod.Get, $"api/teams?orgId={DemoData.DemoCommunityId}", leader);
        var (_, servingForClub) = await host.SendAsync(HttpMethod.Get, $"api/teams?orgId={DemoData.DemoCommunityId}", await host.LoginAsync(DemoUsers.ClubLeader));
        var teams = serving.GetProperty("items").EnumerateArray().Where(t => t.GetProperty("name").GetString() == DemoTeams.ServiceTeam)
            .Concat(servingForClub.GetProperty("items").EnumerateArray().Where(t => t.GetProperty("name").GetString() == DemoTeams.Club))
            .Where(t => t.TryGetProperty("myRole", out var role) && role.ValueKind == JsonValueKind.String).ToList();
        var serviceTeam = teams.Single(t => t.GetProperty("name").GetString() == DemoTeams.ServiceTeam).GetProperty("id").GetString()!;
        var (_, insideView) = await host.SendAsync(HttpMethod.Get, $"api/teams/{serviceTeam}", leader);
        var (_, profile) = await host.SendAsync(HttpMethod.Get, "api/me/volunteer", await host.LoginAsync(DemoUsers.TeamMember));
        var (_, mine) = await host.SendAsync(HttpMethod.Get, "api/orders/mine?pageSize=50", await host.LoginAsync(DemoUsers.Resident));
        var (_, mine2) = await host.SendAsync(HttpMethod.Get, "api/orders/mine?pageSize=50", await host.LoginAsync(DemoUsers.Resident2));
        var all = mine.GetProperty("items").EnumerateArray().Concat(mine2.GetProperty("items").EnumerateArray()).ToList();
        Assert.True(all.Count >= 4, $"demo residents' orders: {mine} / {mine2}");
        var orders = all.GroupBy(o => o.GetProperty("title").GetString()!).ToDictionary(g => g.Key, g => g.First());
        var (_, rated) = await host.SendAsync(HttpMethod.Get, $"api/orders/{Uri.EscapeDataString(orders[DemoOrders.Rated].GetProperty("id").GetString()!)}", await host.LoginAsync(DemoUsers.Resident2));

        Assert.Equal(200, listed);
        Assert.Equal(2, teams.Count);
        Assert.Equal(["volunteer_team", "youth_club"], teams.Select(t => t.GetProperty("kind").GetString()!).Order());
        Assert.All(teams, t => Assert.Equal(2, t.GetProperty("memberCount").GetInt32()));
        var members = insideView.GetProperty("members").EnumerateArray().ToList();
        Assert.Equal("志愿者小刘", Assert.Single(members, m => m.GetProperty("leader").GetBoolean()).GetProperty("displayName").GetString());
        Assert.Contains(members, m => m.GetProperty("displayName").GetString() == "志愿者小陈" && !m.GetProperty("leader").GetBoolean());
        Assert.Equal("eligible", profile.GetProperty("eligibility").GetString());
        Assert.Equal("submitted", orders[DemoOrders.Submitted].GetProperty("status").GetString());
        Assert.Equal("pooled", orders[DemoOrders.Pooled].GetProperty("status").GetString());
        Assert.Equal("taken", orders[DemoOrders.Taken].GetProperty("status").GetString());
        Assert.Equal(serviceTeam, orders[DemoOrders.Taken].GetProperty("team").GetProperty("teamId").GetString());
        Assert.Equal(("closed", "rated", 5), (rated.GetProperty("status").GetString(), rated.GetProperty("closure").GetString(), rated.GetProperty("rating").GetProperty("stars").GetInt32()));
    }
}
