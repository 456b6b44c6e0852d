using System.Text.Json;
using GongTongDizao.Core.Common;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.EndToEnd.Tests.Letters;

/// <summary>
/// One paging-token scheme for every list: a token that is not one we issued for that list and query (made up,
/// altered, the contract's old example, or taken from another list or filter) is 400 VALIDATION_FAILED on
/// <c>continuation</c>, never a store error; an empty one is the first page; our own tokens page on.
/// </summary>
[Collection(LettersCollection.Name)]
public sealed class PagingTokenTests(LettersFixture host)
{
    private static readonly string[] s_foreign = ["bTE6MDoyMA", "%%%", "p1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "W3sidG9rZW4iOiIrUklEOn4xIn1d", "[{\"compositeToken\":\"x\"}]", new string('A', 5000)];

    [Fact]
    public async Task Every_list_refuses_tokens_it_did_not_issue_and_pages_on_with_its_own()
    {
        var (resident, _) = await host.NewResidentAsync(name: "翻页测试");
        var first = await host.SubmitAsync(resident, title: "第一封");
        await host.SubmitAsync(resident, title: "第二封");
        var staff = await host.YouthWorkerAsync();
        var (created, topic) = await host.SendAsync(HttpMethod.Post, "api/topics", resident, new { communityId = LettersFixture.Community, title = "翻页测试议题", description = "建议在小区里多装几盏路灯，晚上回家更安全。" });
        Assert.True(created == 201, topic.ToString());
        var topicId = topic.GetProperty("id").GetString()!;

        var mine = await PageAsync(resident, "api/letters/mine?pageSize=1", null);
        var ownToken = mine.GetProperty("continuation").GetString()!;
        var next = await PageAsync(resident, "api/letters/mine?pageSize=1", ownToken);
        Assert.DoesNotContain(first.GetProperty("id").GetString()!, mine.GetProperty("items").ToString(), StringComparison.Ordinal);
        Assert.Contains(first.GetProperty("id").GetString()!, next.GetProperty("items").ToString(), StringComparison.Ordinal);
        var staffToken = (await PageAsync(staff, $"api/staff/letters?orgId={LettersFixture.Community}&pageSize=1", null)).GetProperty("continuation").GetString()!;
        await PageAsync(staff, $"api/staff/letters?orgId={LettersFixture.Community}&pageSize=1", staffToken);

        var lists = new (string Token, string Path)[]
        {
            (resident, "api/letters/mine?pageSize=1"),
            (resident, "api/me/notifications"),
            (resident, $"api/communities/{LettersFixture.Community}/topics"),
            (resident, $"api/topics/{topicId}/comments"),
            (staff, $"api/staff/letters?orgId={LettersFixture.Community}&pageSize=1"),
            (await host.ModeratorAsync(), "api/staff/moderation"),
        };
        var failures = new List<string>();
        foreach (var (token, path) in lists)
        {
            await PageAsync(token, path, string.Empty);
            var tampered = ownToken[..^4] + (ownToken[^4] == 'A' ? "BBBB" : "AAAA");
            // A real token of another list: staff/letters' for every other list, letters/mine's for staff/letters.
            var otherList = path.StartsWith("api/staff/letters", StringComparison.Ordinal) ? ownToken : staffToken;
            foreach (var bad in s_foreign.Append(tampered).Append(otherList))
            {
                var (status, body) = await host.SendAsync(HttpMethod.Get, With(path, bad), token);
                if (status != 400 || body.GetProperty("code").GetString() != "VALIDATION_FAILED" || !body.GetProperty("errors").TryGetProperty("continuation", out _))
                {
                    failures.Add($"GET /{path} with continuation {bad[..Math.Min(bad.Length, 40)]}: {status} {body}");
                }
            }
        }

        // One of our tokens whose position the store cannot resume from (a store upgrade, say) is refused the same way.
        var (_, me) = await host.SendAsync(HttpMethod.Get, "api/me", resident);
        Assert.True(host.Services.GetRequiredService<PageTokens>().TryOpen(ownToken, "letters/mine", $"{me.GetProperty("id").GetString()}|{LettersFixture.Community}", out _), "the test's keys are the host's");
        var sealedGarbage = host.Services.GetRequiredService<PageTokens>().Seal("letters/mine", $"{me.GetProperty("id").GetString()}|{LettersFixture.Community}", "{\"not\":\"a position\"}")!;
        var (stale, staleProblem) = await host.SendAsync(HttpMethod.Get, With("api/letters/mine?pageSize=1", sealedGarbage), resident);
        Assert.True(stale == 400, $"a position the store refuses: {stale} {staleProblem}");

        // The same list with another filter is another query: a token of one is no token of the other.
        var (otherFilter, _) = await host.SendAsync(HttpMethod.Get, With($"api/staff/letters?orgId={LettersFixture.Community}&pageSize=1&category=employment", staffToken), staff);
        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.Equal(400, otherFilter);
    }

    private async Task<JsonElement> PageAsync(string token, string path, string? continuation)
    {
        var (status, page) = await host.SendAsync(HttpMethod.Get, continuation is null ? path : With(path, continuation), token);
        Assert.True(status == 200, $"GET /{path}: {status} {page}");
        return page;
    }

    private static string With(string path, string continuation) =>
        path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "continuation=" + Uri.EscapeDataString(continuation);
}
