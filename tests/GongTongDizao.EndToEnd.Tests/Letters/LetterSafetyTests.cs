using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using GongTongDizao.Core.Features.Letters;
using GongTongDizao.Core.Moderation;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.EndToEnd.Tests.Letters;

/// <summary>Content checks, moderation, the daily limit and anonymity towards staff.</summary>
[Collection(LettersCollection.Name)]
public sealed class LetterSafetyTests(LettersFixture host)
{
    [Fact]
    public async Task Risky_text_is_refused_and_nothing_is_stored()
    {
        var (resident, _) = await host.NewResidentAsync();

        var (status, problem) = await host.SendAsync(HttpMethod.Post, "api/letters", resident, new { category = "other", title = "求助", content = "加微信赚钱，日结", anonymous = false });
        var (_, mine) = await host.SendAsync(HttpMethod.Get, "api/letters/mine", resident);

        Assert.Equal(422, status);
        Assert.Equal("CONTENT_REJECTED", problem.GetProperty("code").GetString());
        Assert.Equal(0, mine.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Text_for_review_is_held_for_moderators_only_until_approved()
    {
        var (resident, _) = await host.NewResidentAsync();
        var staff = await host.YouthWorkerAsync();
        var moderator = await host.ModeratorAsync();

        var held = await host.SubmitAsync(resident, content: "这段文字待审核，请人工看看");
        var id = held.GetProperty("id").GetString()!;
        var (staffRead, _) = await host.SendAsync(HttpMethod.Get, $"api/letters/{id}", staff);
        var (staffAccept, _) = await host.ActAsync(staff, id, "accept");
        var staffList = await host.StaffListAsync(staff, $"orgId={LettersFixture.Community}&pageSize=50");
        var moderatorView = await host.GetAsync(moderator, id);
        var queue = new List<ModerationItem>();
        await foreach (var item in host.Services.GetServices<IModerationSource>().Single(s => s.ItemType == "letter").HeldAsync(["420106"], CancellationToken.None))
        {
            queue.Add(item);
        }

        var (residentApprove, _) = await host.ActAsync(resident, id, "approve");
        var (approved, approvedView) = await host.ActAsync(moderator, id, "approve");
        var staffView = await host.GetAsync(staff, id);

        Assert.Equal("held", held.GetProperty("status").GetString());
        Assert.Equal(404, staffRead);
        Assert.Equal(404, staffAccept);
        Assert.DoesNotContain(staffList, l => l.GetProperty("id").GetString() == id);
        Assert.Equal(["approve", "reject"], moderatorView.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()));
        Assert.Contains(queue, i => i.ItemId == id && i.OrgId == LettersFixture.Community);
        Assert.Equal(403, residentApprove);
        Assert.Equal((200, "submitted"), (approved, approvedView.GetProperty("status").GetString()));
        Assert.Equal("submitted", staffView.GetProperty("status").GetString());
        Assert.True(staffView.TryGetProperty("receivedAt", out _));
    }

    [Fact]
    public async Task A_moderator_can_reject_a_held_letter_through_the_moderation_queue_and_the_author_sees_why()
    {
        var (resident, _) = await host.NewResidentAsync();
        var moderator = await host.ModeratorAsync();
        var (_, moderatorMe) = await host.SendAsync(HttpMethod.Get, "api/me", moderator);
        var id = (await host.SubmitAsync(resident, content: "review-word 需要看看")).GetProperty("id").GetString()!;
        var moderatorAccount = await host.Services.GetRequiredService<Core.Features.Identity.UserStore>().FindAsync(moderatorMe.GetProperty("id").GetString()!, CancellationToken.None);
        var source = host.Services.GetServices<IModerationSource>().Single(s => s.ItemType == "letter");

        var decided = await source.DecideAsync(new Core.Auth.Caller(moderatorAccount!), id, approve: false, "含有不实信息", CancellationToken.None);
        var view = await host.GetAsync(resident, id);

        Assert.True(decided.IsSuccess);
        Assert.Equal("rejected", view.GetProperty("status").GetString());
        Assert.Equal("含有不实信息", view.GetProperty("timeline").EnumerateArray().Last().GetProperty("note").GetString());
    }

    [Fact]
    public async Task When_WeChat_cannot_check_the_text_the_letter_is_held_not_lost_and_not_published()
    {
        var (resident, _) = await host.NewResidentAsync();
        await host.InjectContentCheckFaultAsync(-1, 3);
        try
        {
            var letter = await host.SubmitAsync(resident, content: "微信接口繁忙时写的信");

            Assert.Equal("held", letter.GetProperty("status").GetString());
        }
        finally
        {
            await host.ClearFaultsAsync();
        }
    }

    [Fact]
    public async Task The_sixth_letter_of_a_day_is_429_with_Retry_After_until_midnight_in_China()
    {
        var (resident, _) = await host.NewResidentAsync();
        for (var i = 0; i < 5; i++)
        {
            await host.SubmitAsync(resident, title: $"今天第{i + 1}封");
        }

        using var client = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("api/letters", UriKind.Relative))
        {
            Content = JsonContent.Create(new { category = "other", title = "第六封", content = "超过每日上限", anonymous = false }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", resident);
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var (_, mine) = await host.SendAsync(HttpMethod.Get, "api/letters/mine?pageSize=50", resident);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Contains("RATE_LIMITED", body, StringComparison.Ordinal);
        var retryAfter = response.Headers.RetryAfter!.Delta!.Value;
        var expected = ChinaTime.DayOf(DateTimeOffset.UtcNow).Next - DateTimeOffset.UtcNow;
        Assert.InRange(retryAfter.TotalSeconds, expected.TotalSeconds - 60, expected.TotalSeconds + 60);
        Assert.Equal(5, mine.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Twenty_concurrent_submits_of_one_resident_store_exactly_the_daily_limit_and_the_rest_are_429()
    {
        var (resident, userId) = await host.NewResidentAsync();

        var statuses = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            var (status, _) = await host.SendAsync(HttpMethod.Post, "api/letters", resident, new { category = "other", title = $"并发第{i + 1}封", content = "同时提交的信件", anonymous = false });
            return status;
        }));
        var stored = 0;
        await foreach (var _ in host.Services.GetRequiredService<LetterStore>().ByAuthorAsync(userId, CancellationToken.None))
        {
            stored++;
        }

        Assert.Equal(5, statuses.Count(s => s == 201));
        Assert.Equal(15, statuses.Count(s => s == 429));
        Assert.Equal(5, stored);
    }

    [Fact]
    public async Task Staff_never_see_who_wrote_an_anonymous_letter_but_do_see_a_named_author()
    {
        var (resident, residentId) = await host.NewResidentAsync(name: "实名小李");
        var staff = await host.YouthWorkerAsync();
        var anonymous = (await host.SubmitAsync(resident, title: "匿名反映问题", anonymous: true)).GetProperty("id").GetString()!;
        var named = (await host.SubmitAsync(resident, title: "实名反映问题")).GetProperty("id").GetString()!;

        var (_, listRaw) = await host.SendAsync(HttpMethod.Get, $"api/staff/letters?orgId={LettersFixture.Community}&pageSize=50", staff);
        var anonymousView = await host.GetAsync(staff, anonymous);
        var (_, acceptedView) = await host.ActAsync(staff, anonymous, "accept");
        var namedView = await host.GetAsync(staff, named);
        var stored = await host.Services.GetRequiredService<LetterStore>().FindAsync(anonymous, CancellationToken.None);

        var anonymousRow = listRaw.GetProperty("items").EnumerateArray().Single(l => l.GetProperty("id").GetString() == anonymous);
        Assert.False(anonymousRow.TryGetProperty("author", out _));
        Assert.DoesNotContain(residentId, anonymousRow.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(residentId, anonymousView.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("实名小李", anonymousView.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(residentId, acceptedView.ToString(), StringComparison.Ordinal);
        Assert.Null(stored!.AuthorName);
        Assert.Equal("实名小李", namedView.GetProperty("author").GetProperty("displayName").GetString());
        Assert.Equal(residentId, namedView.GetProperty("author").GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_resident_without_a_home_community_is_asked_to_set_it()
    {
        var token = await host.LoginAsync($"dev-{Guid.NewGuid():N}");

        var (status, problem) = await host.SendAsync(HttpMethod.Post, "api/letters", token, new { category = "other", title = "标题", content = "内容", anonymous = false });
        var (withPhoto, photoProblem) = await host.SendAsync(HttpMethod.Post, "api/letters", (await host.NewResidentAsync()).Token, new { category = "other", title = "标题", content = "内容", anonymous = false, attachments = new[] { "upload-1" } });

        Assert.Equal(400, status);
        Assert.True(problem.GetProperty("errors").TryGetProperty("homeCommunityId", out _));
        // Until the Attachments feature registers IAttachments, photos are refused instead of silently dropped.
        if (host.Services.GetService<Core.Features.Attachments.IAttachments>() is null)
        {
            Assert.Equal(400, withPhoto);
            Assert.Equal("暂不支持附件", photoProblem.GetProperty("errors").GetProperty("attachments")[0].GetString());
        }
        else
        {
            Assert.Equal(400, withPhoto);
            Assert.Equal("VALIDATION_FAILED", photoProblem.GetProperty("code").GetString());
        }
    }
}
