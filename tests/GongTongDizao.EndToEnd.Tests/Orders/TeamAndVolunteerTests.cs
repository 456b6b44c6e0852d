using System.Text.Json;
using GongTongDizao.Core.Features.Orders;
using GongTongDizao.Core.Features.Volunteers;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.EndToEnd.Tests.Orders;

/// <summary>Teams, join requests, volunteer profiles, 代点单, the daily limit, and the person's rights (export, deletion).</summary>
[Collection(OrdersCollection.Name)]
public sealed class TeamAndVolunteerTests(OrdersFixture host)
{
    [Fact]
    public async Task A_volunteer_needs_a_verified_phone_and_a_profile_and_a_leader_decides_who_joins()
    {
        var (teamId, leader) = await host.TeamAsync("入队测试队");
        var noPhone = await host.PersonAsync("没绑手机");
        var noProfile = await host.PersonAsync("没登记");
        var applicant = await host.VolunteerAsync("申请人小陈");
        var declined = await host.VolunteerAsync("申请人小吴");

        var (phoneMissing, phoneProblem) = await host.SendAsync(HttpMethod.Put, "api/me/volunteer", noPhone.Token, new { realName = "没绑手机", birthYear = 1999 });
        var (profileMissing, profileProblem) = await host.SendAsync(HttpMethod.Post, $"api/teams/{teamId}/join-requests", noProfile.Token, new { note = "想加入" });
        await host.OkAsync(HttpMethod.Post, $"api/teams/{teamId}/join-requests", applicant.Token, new { note = "想加入" });
        await host.OkAsync(HttpMethod.Post, $"api/teams/{teamId}/join-requests", declined.Token, new { });
        var (again, _) = await host.SendAsync(HttpMethod.Post, $"api/teams/{teamId}/join-requests", applicant.Token, new { });
        var (byApplicant, _) = await host.SendAsync(HttpMethod.Post, $"api/teams/{teamId}/join-requests/{declined.Id}/approve", applicant.Token);
        var afterApprove = await host.OkAsync(HttpMethod.Post, $"api/teams/{teamId}/join-requests/{applicant.Id}/approve", leader.Token);
        var afterDecline = await host.OkAsync(HttpMethod.Post, $"api/teams/{teamId}/join-requests/{declined.Id}/decline", leader.Token);
        var asMember = await host.OkAsync(HttpMethod.Get, $"api/teams/{teamId}", applicant.Token);
        var asOutsider = await host.OkAsync(HttpMethod.Get, $"api/teams/{teamId}", declined.Token);
        var (memberList, _) = await host.SendAsync(HttpMethod.Get, $"api/teams/{teamId}/orders", applicant.Token);
        var (outsiderList, _) = await host.SendAsync(HttpMethod.Get, $"api/teams/{teamId}/orders", declined.Token);
        var serving = await host.OkAsync(HttpMethod.Get, $"api/teams?orgId={OrdersFixture.Community}", declined.Token);

        Assert.Equal((409, "PHONE_REQUIRED"), (phoneMissing, phoneProblem.GetProperty("code").GetString()));
        Assert.Equal((409, "VOLUNTEER_PROFILE_REQUIRED"), (profileMissing, profileProblem.GetProperty("code").GetString()));
        Assert.Equal(409, again);
        Assert.Equal(403, byApplicant);
        Assert.Equal(2, afterApprove.GetProperty("memberCount").GetInt32());
        Assert.Equal(0, afterDecline.GetProperty("joinRequests").GetArrayLength());
        Assert.Equal("member", asMember.GetProperty("myRole").GetString());
        Assert.Equal(2, asMember.GetProperty("members").GetArrayLength());
        Assert.False(asOutsider.TryGetProperty("members", out _));
        Assert.Equal((200, 403), (memberList, outsiderList));
        Assert.Contains(serving.GetProperty("items").EnumerateArray(), t => t.GetProperty("id").GetString() == teamId);
    }

    [Fact]
    public async Task Staff_place_orders_for_residents_without_a_phone_and_residents_have_a_daily_limit()
    {
        var staff = await host.StaffAsync();
        var now = host.Clock.GetUtcNow();
        var form = new
        {
            onBehalfOf = "李奶奶",
            category = "elder_care",
            title = "帮老人买菜",
            details = "李奶奶腿脚不便，希望每周有人帮忙买一次菜。",
            place = new { orgId = OrdersFixture.Community, address = "5 栋 101" },
            wantedFrom = now.AddHours(1),
            wantedTo = now.AddDays(3),
            contact = new { name = "李奶奶", phone = "027-88886666" },
        };
        var (created, proxy) = await host.SendAsync(HttpMethod.Post, "api/staff/orders", staff, form);
        var resident = await host.PersonAsync("点单达人");
        var (outsideScope, _) = await host.SendAsync(HttpMethod.Post, "api/staff/orders", resident.Token, form);
        for (var i = 0; i < 3; i++)
        {
            await host.PlaceAsync(resident.Token, $"第 {i + 1} 单");
        }

        var now2 = host.Clock.GetUtcNow();
        var (fourth, limited) = await host.SendAsync(HttpMethod.Post, "api/orders", resident.Token, new
        {
            category = "errands",
            title = "第 4 单",
            details = "今天的第四单。",
            place = new { orgId = OrdersFixture.Community, address = "1 栋" },
            wantedFrom = now2.AddHours(1),
            wantedTo = now2.AddDays(1),
            contact = new { name = "达人", phone = "13900000000" },
        });
        var mine = await host.OkAsync(HttpMethod.Get, "api/orders/mine", resident.Token);

        Assert.Equal(201, created);
        Assert.Equal("李奶奶", proxy.GetProperty("onBehalfOf").GetString());
        Assert.Contains("代点单", proxy.GetProperty("timeline")[0].GetProperty("note").GetString());
        Assert.Equal(403, outsideScope);
        Assert.Equal((429, "RATE_LIMITED"), (fourth, limited.GetProperty("code").GetString()));
        Assert.Equal(3, mine.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Export_holds_the_orders_and_profile_and_deletion_leaves_only_pseudonyms()
    {
        var (teamId, leader) = await host.TeamAsync("隐私测试队");
        var volunteer = await host.MemberAsync(teamId, leader, "要注销的队员");
        var (id, resident) = await host.ApprovedAsync();
        await host.OkAsync(HttpMethod.Post, $"api/orders/{id}/dispatch", await host.StaffAsync(), new { teamId });
        await host.OkAsync(HttpMethod.Post, $"api/orders/{id}/take", leader.Token, new { teamId, volunteerIds = new[] { volunteer.Id } });

        var export = await host.OkAsync(HttpMethod.Get, "api/me/export", resident.Token);
        var volunteerExport = await host.OkAsync(HttpMethod.Get, "api/me/export", volunteer.Token);
        var (residentGone, _) = await host.SendAsync(HttpMethod.Delete, "api/me", resident.Token);
        var (volunteerGone, _) = await host.SendAsync(HttpMethod.Delete, "api/me", volunteer.Token);
        var order = await host.Services.GetRequiredService<OrderStore>().FindAsync(id, CancellationToken.None);
        var profile = await host.Services.GetRequiredService<VolunteerStore>().FindAsync(volunteer.Id, CancellationToken.None);
        var team = await host.Services.GetRequiredService<TeamStore>().FindAsync(teamId, CancellationToken.None);

        Assert.Contains(id, export.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("13800000000", export.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("要注销的队员", volunteerExport.GetRawText(), StringComparison.Ordinal);
        Assert.Equal((204, 204), (residentGone, volunteerGone));
        Assert.NotEqual(resident.Id, order!.RequesterId);
        Assert.Equal("-", order.Contact.PhoneProtected);
        Assert.DoesNotContain(order.Volunteers, v => v.UserId == volunteer.Id || v.DisplayName == "要注销的队员");
        Assert.Null(profile);
        Assert.Null(team!.Member(volunteer.Id));
        Assert.Equal(JsonValueKind.Object, export.ValueKind);
    }
}
