using System.Net.Http.Json;
using System.Text.Json;
using GongTongDizao.DevHost.Seeding;
using GongTongDizao.Testing;
using GongTongDizao.WeChat.Simulator;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.EndToEnd.Tests.Letters;

/// <summary>
/// One DevHost for every letters test. They share a collection (run one after another) because some switch WeChat
/// simulator faults on, which would otherwise leak into a neighbour's content check.
/// </summary>
public sealed class LettersFixture : DevHostFixture
{
    public const string Community = DemoData.DemoCommunityId;
    public const string Street = "420106001";

    public Task<string> YouthWorkerAsync() => this.LoginAsync(DemoUsers.YouthWorker);

    public Task<string> ModeratorAsync() => this.LoginAsync(DemoUsers.Moderator);

    /// <summary>A new person living in the demo community (demo residents would hit the daily limit across runs).</summary>
    public async Task<(string Token, string UserId)> NewResidentAsync(string community = Community, string name = "青年小王")
    {
        var token = await this.LoginAsync($"dev-{Guid.NewGuid():N}");
        var (status, me) = await this.SendAsync(HttpMethod.Put, "api/me", token, new { displayName = name, homeCommunityId = community });
        Assert.True(status == 200, me.ToString());
        return (token, me.GetProperty("id").GetString()!);
    }

    public async Task<JsonElement> SubmitAsync(string token, string title = "想咨询社区的招聘会", string content = "您好，请问最近社区有没有面向青年的招聘会？", bool anonymous = false, string category = "employment")
    {
        var (status, letter) = await this.SendAsync(HttpMethod.Post, "api/letters", token, new { category, title, content, anonymous, attachments = Array.Empty<string>() });
        Assert.True(status == 201, letter.ToString());
        return letter;
    }

    public async Task<(int Status, JsonElement Body)> ActAsync(string token, string letterId, string action, object? body = null) =>
        await this.SendAsync(HttpMethod.Post, $"api/letters/{Uri.EscapeDataString(letterId)}/{action}", token, body);

    public async Task<JsonElement> GetAsync(string token, string letterId)
    {
        var (status, letter) = await this.SendAsync(HttpMethod.Get, $"api/letters/{Uri.EscapeDataString(letterId)}", token);
        Assert.True(status == 200, letter.ToString());
        return letter;
    }

    public async Task<IReadOnlyList<JsonElement>> StaffListAsync(string token, string query)
    {
        var (status, page) = await this.SendAsync(HttpMethod.Get, "api/staff/letters?" + query, token);
        Assert.True(status == 200, page.ToString());
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    public async Task InjectContentCheckFaultAsync(int errcode, int count)
    {
        using var client = new HttpClient { BaseAddress = Services.GetRequiredService<WeChatSimulator>().BaseAddress };
        using var response = await client.PostAsJsonAsync(new Uri("__simulator/faults", UriKind.Relative), new { api = "msg_sec_check", errcode, count });
        Assert.True(response.IsSuccessStatusCode);
    }

    public async Task ClearFaultsAsync()
    {
        using var client = new HttpClient { BaseAddress = Services.GetRequiredService<WeChatSimulator>().BaseAddress };
        using var response = await client.DeleteAsync(new Uri("__simulator/faults", UriKind.Relative));
        Assert.True(response.IsSuccessStatusCode);
    }
}

[CollectionDefinition(Name)]
public sealed class LettersCollection : ICollectionFixture<LettersFixture>
{
    public const string Name = "Letters";
}
