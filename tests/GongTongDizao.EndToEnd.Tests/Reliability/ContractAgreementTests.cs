using System.Globalization;

namespace GongTongDizao.EndToEnd.Tests.Reliability;

/// <summary>Where the contract and the API used to disagree, they now say the same (issue #19).</summary>
[Collection(MatrixCollection.Name)]
public sealed class ContractAgreementTests(MatrixFixture host)
{
    [Fact]
    public async Task Date_times_take_any_RFC_3339_offset_and_need_one()
    {
        var w = await MatrixWorld.CreateAsync(host);
        var topic = await w.DeliberatingTopicAsync();
        var at = host.Clock.GetUtcNow().AddDays(2);
        var wide = at.UtcDateTime.AddHours(20).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "+20:00";
        var bare = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

        var (created, view) = await host.SendAsync(HttpMethod.Post, $"api/topics/{topic}/meetings", w.FederationIn.Token, new { startsAt = wide, place = "社区议事厅", agenda = "扶手安装方案", capacity = 10 });
        var (refused, problem) = await host.SendAsync(HttpMethod.Post, $"api/topics/{topic}/meetings", w.FederationIn.Token, new { startsAt = bare, place = "社区议事厅", agenda = "扶手安装方案", capacity = 10 });

        Assert.Equal(201, created);
        var startsAt = view.GetProperty("meetings").EnumerateArray().Single().GetProperty("startsAt").GetDateTimeOffset();
        Assert.Equal(at.ToUnixTimeSeconds(), startsAt.ToUnixTimeSeconds());
        Assert.Equal(400, refused);
        Assert.Equal("VALIDATION_FAILED", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Empty_optional_query_values_are_absent_and_null_optional_fields_too()
    {
        var w = await MatrixWorld.CreateAsync(host);

        var (stats, _) = await host.SendAsync(HttpMethod.Get, $"api/stats/showcase?orgId={MatrixWorld.Street}&year=&limit=", w.A.Token);
        var (mine, _) = await host.SendAsync(HttpMethod.Get, "api/letters/mine?pageSize=&continuation=", w.A.Token);
        var (staff, _) = await host.SendAsync(HttpMethod.Get, $"api/staff/letters?orgId=&status=&category=&overdue=&pageSize=", w.YouthIn.Token);
        var (letter, _) = await host.SendAsync(HttpMethod.Post, "api/letters", w.A.Token, new { category = "other", title = "咨询", content = "请问活动室几点开放？", anonymous = false, attachments = (string[]?)null });
        var (read, _) = await host.SendAsync(HttpMethod.Post, "api/me/notifications/read", w.A.Token, new { all = true, ids = (string[]?)null });
        var (empty, problem) = await host.SendAsync(HttpMethod.Post, "api/me/notifications/read", w.A.Token, new { });

        Assert.Equal((200, 200, 200, 201, 200), (stats, mine, staff, letter, read));
        Assert.Equal(400, empty);
        Assert.True(problem.GetProperty("errors").TryGetProperty("ids", out _));
    }
}
