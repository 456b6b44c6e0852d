using System.Text.Json;
using GongTongDizao.Core.Features.Letters;
using GongTongDizao.DevHost.Seeding;

namespace GongTongDizao.EndToEnd.Tests.Reliability;

/// <summary>
/// A mini-program on a weak signal sends the same create again with the same Idempotency-Key: it gets the first
/// response and nothing more is created; the key with another body is 422; concurrent duplicates create exactly one.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class IdempotencyTests(ReliabilityFixture host)
{
    private const string Community = DemoData.DemoCommunityId;

    [Fact]
    public async Task A_repeat_with_the_same_key_returns_the_first_response_and_creates_nothing()
    {
        var resident = await NewResidentAsync();
        var key = Guid.NewGuid().ToString();
        var letter = new { category = "employment", title = "想咨询社区的招聘会", content = "您好，请问最近社区有没有面向青年的招聘会？", anonymous = false };

        var first = await PostAsync("api/letters", resident, letter, key);
        var again = await PostAsync("api/letters", resident, letter, key);
        var quoted = await PostAsync("api/letters", resident, letter, $"\"{key}\"");

        Assert.Equal(201, first.Status);
        var id = first.Body.GetProperty("id").GetString()!;
        Assert.Equal($"/api/letters/{id}", first.Location);
        foreach (var repeat in new[] { again, quoted })
        {
            Assert.Equal(201, repeat.Status);
            Assert.Equal(first.Location, repeat.Location);
            Assert.Equal(first.Text, repeat.Text);
        }

        var (status, mine) = await host.SendAsync(HttpMethod.Get, "api/letters/mine", resident);
        Assert.Equal(200, status);
        Assert.Equal([id], mine.GetProperty("items").EnumerateArray().Select(l => l.GetProperty("id").GetString()));

        // The Location is where the created letter is read.
        var (read, view) = await host.SendAsync(HttpMethod.Get, first.Location!.TrimStart('/'), resident);
        Assert.Equal(200, read);
        Assert.Equal(id, view.GetProperty("id").GetString());
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_422_and_another_person_has_keys_of_their_own()
    {
        var resident = await NewResidentAsync();
        var neighbour = await NewResidentAsync();
        var key = Guid.NewGuid().ToString();
        var topic = new { communityId = Community, title = "楼道加装扶手", description = "老人上下楼不方便，建议在楼道加装扶手，方便大家出行。" };

        var first = await PostAsync("api/topics", resident, topic, key);
        var changed = await PostAsync("api/topics", resident, topic with { title = "小区加装电梯" }, key);
        var otherPath = await PostAsync($"api/topics/{first.Body.GetProperty("id").GetString()}/second", resident, null, key);
        var theirs = await PostAsync("api/topics", neighbour, topic, key);

        Assert.Equal(201, first.Status);
        Assert.StartsWith("/api/topics/", first.Location, StringComparison.Ordinal);
        Assert.Equal(422, changed.Status);
        Assert.Equal("IDEMPOTENCY_KEY_REUSED", changed.Body.GetProperty("code").GetString());
        Assert.Equal(422, otherPath.Status);
        Assert.Equal(201, theirs.Status);
        Assert.NotEqual(first.Body.GetProperty("id").GetString(), theirs.Body.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Concurrent_duplicates_create_exactly_one_and_the_others_get_the_first_response_or_409()
    {
        var resident = await NewResidentAsync();
        var key = Guid.NewGuid().ToString();
        var letter = new { category = "daily_life", title = "周末能不能开放社区自习室？", content = "周末想找个安静的地方看书备考，希望社区活动室能开放。", anonymous = true };

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => PostAsync("api/letters", resident, letter, key)));

        var created = results.Where(r => r.Status == 201).ToList();
        Assert.NotEmpty(created);
        Assert.Single(created.Select(r => r.Body.GetProperty("id").GetString()).Distinct());
        Assert.All(results.Where(r => r.Status != 201), r =>
        {
            Assert.Equal(409, r.Status);
            Assert.Equal("IDEMPOTENCY_KEY_IN_USE", r.Body.GetProperty("code").GetString());
            Assert.NotNull(r.RetryAfter);
        });
        var (_, mine) = await host.SendAsync(HttpMethod.Get, "api/letters/mine", resident);
        Assert.Single(mine.GetProperty("items").EnumerateArray());
        var after = await PostAsync("api/letters", resident, letter, key);
        Assert.Equal((201, created[0].Text), (after.Status, after.Text));
    }

    [Fact]
    public async Task A_failed_request_keeps_nothing_so_the_corrected_retry_with_the_same_key_creates()
    {
        var resident = await NewResidentAsync();
        var key = Guid.NewGuid().ToString();

        var invalid = await PostAsync("api/letters", resident, new { category = "employment", title = "", content = "内容", anonymous = false }, key);
        var valid = await PostAsync("api/letters", resident, new { category = "employment", title = "招聘会", content = "请问最近有招聘会吗？", anonymous = false }, key);
        var badKey = await PostAsync("api/letters", resident, new { category = "employment", title = "招聘会", content = "请问最近有招聘会吗？", anonymous = false }, new string('k', 256));

        Assert.Equal(400, invalid.Status);
        Assert.Equal(201, valid.Status);
        Assert.Equal(400, badKey.Status);
        Assert.True(badKey.Body.GetProperty("errors").TryGetProperty("Idempotency-Key", out _), badKey.Text);
        Assert.Equal(LetterStatus.Submitted.ToString().ToLowerInvariant(), valid.Body.GetProperty("status").GetString());
    }

    private async Task<string> NewResidentAsync()
    {
        var token = await host.LoginAsync($"dev-{Guid.NewGuid():N}");
        var (status, me) = await host.SendAsync(HttpMethod.Put, "api/me", token, new { displayName = "青年小王", homeCommunityId = Community });
        Assert.True(status == 200, me.ToString());
        return token;
    }

    private async Task<(int Status, JsonElement Body, string Text, string? Location, string? RetryAfter)> PostAsync(string path, string token, object? body, string key)
    {
        using var client = host.CreateClient();
        using var request = ApiClient.Request(HttpMethod.Post, path, token, body, functionKey: null);
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        ApiClient.AssertMatchesContract("POST", path, response, text);
        var json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return ((int)response.StatusCode, json, text, response.Headers.Location?.OriginalString, response.Headers.RetryAfter?.ToString());
    }
}
