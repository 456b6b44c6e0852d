using GongTongDizao.Core.Auth;
using GongTongDizao.Core.Moderation;
using GongTongDizao.DevHost.Seeding;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.EndToEnd.Tests.Topics;

/// <summary>Comments with a stance, paging, and three reports hiding a comment until a moderator decides.</summary>
[Collection(TopicsCollection.Name)]
public sealed class CommentTests(TopicsFixture host)
{
    [Fact]
    public async Task Three_residents_reports_hide_a_comment_until_a_moderator_puts_it_back()
    {
        var (author, _) = await host.NewResidentAsync();
        var topicId = await host.NewTopicAsync(author);
        var (commenter, _) = await host.NewResidentAsync();
        var (_, comment) = await host.SendAsync(HttpMethod.Post, $"api/topics/{topicId}/comments", commenter, new { stance = "oppose", content = "我觉得没有必要，费用太高。" });
        var commentId = comment.GetProperty("id").GetString()!;
        var reporters = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => host.NewResidentAsync()));

        var first = await host.SendAsync(HttpMethod.Post, $"api/comments/{commentId}/report", reporters[0].Token);
        var repeated = await host.SendAsync(HttpMethod.Post, $"api/comments/{commentId}/report", reporters[0].Token);
        var byAuthor = await host.SendAsync(HttpMethod.Post, $"api/comments/{commentId}/report", commenter);
        var visibleAfterTwo = await CommentIdsAsync(author, topicId);
        await host.SendAsync(HttpMethod.Post, $"api/comments/{commentId}/report", reporters[1].Token);
        var stillVisible = await CommentIdsAsync(author, topicId);
        var third = await host.SendAsync(HttpMethod.Post, $"api/comments/{commentId}/report", reporters[2].Token);
        var hidden = await CommentIdsAsync(author, topicId);

        Assert.Equal(200, first.Status);
        Assert.Equal("published", repeated.Body.GetProperty("status").GetString());
        Assert.Equal(409, byAuthor.Status);
        Assert.Contains(commentId, visibleAfterTwo);
        Assert.Contains(commentId, stillVisible);
        Assert.Equal("reported", third.Body.GetProperty("status").GetString());
        Assert.DoesNotContain(commentId, hidden);

        var moderation = host.Services.GetServices<IModerationSource>().Single(s => s.ItemType == "comment");
        var queued = new List<ModerationItem>();
        await foreach (var item in moderation.HeldAsync(["420106"], CancellationToken.None))
        {
            queued.Add(item);
        }

        var notInScope = new List<ModerationItem>();
        await foreach (var item in moderation.HeldAsync(["420106008"], CancellationToken.None))
        {
            notInScope.Add(item);
        }

        var moderator = await host.AccountOfAsync(DemoUsers.Moderator);
        var resident = await host.AccountOfAsync(DemoUsers.Resident);
        var refused = await moderation.DecideAsync(new Caller(resident!), commentId, approve: true, null, CancellationToken.None);
        var approved = await moderation.DecideAsync(new Caller(moderator!), commentId, approve: true, "未发现违规", CancellationToken.None);

        Assert.Contains(queued, i => i.ItemId == commentId && i.Reason.Contains('3', StringComparison.Ordinal));
        Assert.DoesNotContain(notInScope, i => i.ItemId == commentId);
        Assert.Equal("FORBIDDEN", refused.Error!.Code);
        Assert.True(approved.IsSuccess);
        Assert.Contains(commentId, await CommentIdsAsync(author, topicId));
    }

    [Fact]
    public async Task Comments_page_newest_first_with_continuation_tokens_and_risky_text_is_refused()
    {
        var (author, _) = await host.NewResidentAsync();
        var topicId = await host.NewTopicAsync(author);
        for (var i = 0; i < 23; i++)
        {
            var (status, _) = await host.SendAsync(HttpMethod.Post, $"api/topics/{topicId}/comments", author, new { stance = "neutral", content = $"第 {i} 条意见" });
            Assert.Equal(201, status);
        }

        var (rejected, _) = await host.SendAsync(HttpMethod.Post, $"api/topics/{topicId}/comments", author, new { stance = "support", content = "加微信赚钱" });
        var (badStance, _) = await host.SendAsync(HttpMethod.Post, $"api/topics/{topicId}/comments", author, new { stance = "maybe", content = "随便说说" });
        var (_, page1) = await host.SendAsync(HttpMethod.Get, $"api/topics/{topicId}/comments", author);
        var continuation = page1.GetProperty("continuation").GetString()!;
        var (_, page2) = await host.SendAsync(HttpMethod.Get, $"api/topics/{topicId}/comments?continuation={Uri.EscapeDataString(continuation)}", author);
        var (badToken, _) = await host.SendAsync(HttpMethod.Get, $"api/topics/{topicId}/comments?continuation=%25%25", author);

        Assert.Equal(422, rejected);
        Assert.Equal(400, badStance);
        Assert.Equal(20, page1.GetProperty("items").GetArrayLength());
        Assert.Equal("第 22 条意见", page1.GetProperty("items")[0].GetProperty("content").GetString());
        Assert.Equal(3, page2.GetProperty("items").GetArrayLength());
        Assert.False(page2.TryGetProperty("continuation", out _));
        Assert.Equal(400, badToken);
    }

    private async Task<List<string>> CommentIdsAsync(string token, string topicId)
    {
        var (status, list) = await host.SendAsync(HttpMethod.Get, $"api/topics/{topicId}/comments", token);
        Assert.Equal(200, status);
        return [.. list.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetString()!)];
    }
}
