using System.Text.Json;
using GongTongDizao.Core;
using GongTongDizao.Core.Features.Identity;
using GongTongDizao.Core.Features.Letters;
using GongTongDizao.Core.Timers;
using GongTongDizao.Testing;
using GongTongDizao.WeChat.Simulator;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.EndToEnd.Tests.Identity;

/// <summary>
/// PIPL deletion is irreversible: ids are random and the openid's link goes with the account, so the same WeChat
/// account signing in again is a new person with a new id, and no retained document names the old id or the openid;
/// what stays for the community record carries a random pseudonym. Staff are deleted the same way.
/// </summary>
[Collection(IdentityCollection.Name)]
public sealed class DeletionTests(IdentityFixture host)
{
    private const string Community = "420106001001";

    [Fact]
    public async Task A_deleted_resident_signing_in_again_is_a_new_person_and_nothing_retained_maps_to_the_old_one()
    {
        var code = $"dev-{Guid.NewGuid():N}";
        var token = await host.LoginAsync(code);
        var (_, me) = await host.SendAsync(HttpMethod.Put, "api/me", token, new { displayName = "将被删除的居民", homeCommunityId = Community });
        var oldId = me.GetProperty("id").GetString()!;
        var (_, letter) = await host.SendAsync(HttpMethod.Post, "api/letters", token, new { category = "other", title = "删除前写的信", content = "这封信会留在社区记录里。", anonymous = false });

        var (deleted, _) = await host.SendAsync(HttpMethod.Delete, "api/me", token);
        var again = await host.LoginAsync(code);
        var (_, fresh) = await host.SendAsync(HttpMethod.Get, "api/me", again);
        var kept = await host.Services.GetRequiredService<LetterStore>().FindAsync(letter.GetProperty("id").GetString()!, CancellationToken.None);

        Assert.Equal(204, deleted);
        Assert.NotEqual(oldId, fresh.GetProperty("id").GetString());
        Assert.Matches("^u[0-9a-f]{24}$", fresh.GetProperty("id").GetString()!);
        Assert.False(fresh.TryGetProperty("displayName", out var name) && name.ValueKind == JsonValueKind.String);
        Assert.StartsWith("deleted-", kept!.AuthorId, StringComparison.Ordinal);
        Assert.Null(kept.AuthorName);
        Assert.Empty(await DocumentsContainingAsync(host, oldId));
        // The openid is only on the new account; the pseudonym is on retained records only, never beside the new id.
        Assert.Single(await DocumentsContainingAsync(host, WeChatSimulator.OpenIdFor(code)));
        Assert.DoesNotContain(await DocumentsContainingAsync(host, kept.AuthorId), d => d.Contains(fresh.GetProperty("id").GetString()!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_deleted_staff_member_is_forgotten_the_same_way_on_the_letters_they_handled()
    {
        var resident = await host.LoginAsync($"dev-{Guid.NewGuid():N}");
        await host.SendAsync(HttpMethod.Put, "api/me", resident, new { displayName = "居民", homeCommunityId = Community });
        var staffCode = $"dev-{Guid.NewGuid():N}";
        var staff = await host.LoginAsync(staffCode);
        var (_, staffMe) = await host.SendAsync(HttpMethod.Put, "api/me", staff, new { displayName = "将离职的团干部", homeCommunityId = "420106008001" });
        var staffId = staffMe.GetProperty("id").GetString()!;
        var (granted, _) = await host.SendAsync(HttpMethod.Post, $"api/manage/users/{staffId}/roles", body: new { role = "youthLeagueWorker", orgId = "420106001" }, functionKey: DevHostFixture.MasterKey);
        var (_, letter) = await host.SendAsync(HttpMethod.Post, "api/letters", resident, new { category = "other", title = "请团干部处理", content = "请问社区活动室几点开放？", anonymous = false });
        var letterId = letter.GetProperty("id").GetString()!;
        await host.SendAsync(HttpMethod.Post, $"api/letters/{letterId}/accept", staff);
        var (assigned, _) = await host.SendAsync(HttpMethod.Post, $"api/letters/{letterId}/assign", staff, new { staffUserId = staffId, dueAt = host.Time.GetUtcNow().AddDays(3) });
        var (replied, _) = await host.SendAsync(HttpMethod.Post, $"api/letters/{letterId}/reply", staff, new { content = "您好，活动室每天九点开放。" });

        // The letter's submission reaches the staff member's inbox asynchronously, as a queued event; the test deletes
        // once it has arrived, so deletion has something of theirs to erase there.
        await Eventually.TrueAsync(
            async () =>
            {
                var (_, inbox) = await host.SendAsync(HttpMethod.Get, "api/me/notifications?limit=50", staff);
                return inbox.GetProperty("items").EnumerateArray().Any(i => i.ToString().Contains(letterId, StringComparison.Ordinal));
            },
            TimeSpan.FromSeconds(60));
        var (deleted, _) = await host.SendAsync(HttpMethod.Delete, "api/me", staff);
        var again = await host.LoginAsync(staffCode);
        var (_, fresh) = await host.SendAsync(HttpMethod.Get, "api/me", again);
        var kept = await host.Services.GetRequiredService<LetterStore>().FindAsync(letterId, CancellationToken.None);
        var (_, residentView) = await host.SendAsync(HttpMethod.Get, $"api/letters/{letterId}", resident);

        Assert.Equal((200, 200, 200, 204), (granted, assigned, replied, deleted));
        Assert.NotEqual(staffId, fresh.GetProperty("id").GetString());
        Assert.Equal(0, fresh.GetProperty("roles").GetArrayLength());
        Assert.StartsWith("deleted-", Assert.Single(kept!.Replies).ByUserId, StringComparison.Ordinal);
        Assert.Equal(kept.Replies[0].ByUserId, kept.Assignee!.UserId);
        Assert.Null(kept.Assignee.DisplayName);
        Assert.Equal(1, residentView.GetProperty("replies").GetArrayLength());

        // Deletion erases what is stored when it runs. The same event can still land under the old id afterwards: events
        // are delivered at least once (an outbox the next save of the letter publishes again before it is cleared, a
        // fan-out retried after a failure), and consumers deduplicate by id, which an erased item no longer has. The later passes deletion schedules (30 minutes and a day on, LateWriteErasure)
        // erase such writes; the test runs them itself instead of waiting: after them nothing names the old id.
        var erasure = host.Services.GetRequiredService<LateWriteErasure>();
        await Eventually.TrueAsync(
            async () =>
            {
                await erasure.HandleAsync(new TimerMessage(LateWriteErasure.TimerKind, staffId, staffId, host.Time.GetUtcNow()), CancellationToken.None);
                return (await DocumentsContainingAsync(host, staffId)).Count == 0;
            },
            TimeSpan.FromSeconds(60),
            "nothing names the deleted staff member after the late erasure passes");
    }

    /// <summary>Every document of every container whose JSON contains <paramref name="text"/>.</summary>
    public static async Task<IReadOnlyList<string>> DocumentsContainingAsync(DevHostFixture host, string text)
    {
        ArgumentNullException.ThrowIfNull(host);
        var cosmos = host.Services.GetRequiredService<CosmosClient>();
        var found = new List<string>();
        foreach (var container in GongTongDizao.Core.Storage.DataPlaneManifest.Embedded.Cosmos.Containers)
        {
            using var feed = cosmos.GetContainer(StoreNames.Database, container.Name).GetItemQueryStreamIterator(new QueryDefinition("SELECT * FROM c"));
            while (feed.HasMoreResults)
            {
                using var page = await feed.ReadNextAsync();
                using var json = await JsonDocument.ParseAsync(page.Content);
                found.AddRange(json.RootElement.GetProperty("Documents").EnumerateArray().Select(d => d.GetRawText()).Where(d => d.Contains(text, StringComparison.Ordinal)));
            }
        }

        return found;
    }
}
