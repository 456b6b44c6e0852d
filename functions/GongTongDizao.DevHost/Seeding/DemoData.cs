using System.Text.Json;
using GongTongDizao.Core;
using GongTongDizao.Core.Common;
using GongTongDizao.Core.Auth;
using GongTongDizao.Core.Features.Identity;
using GongTongDizao.Core.Features.Orgs;
using GongTongDizao.WeChat.Simulator;
using Microsoft.Azure.Cosmos;

namespace GongTongDizao.DevHost.Seeding;

/// <summary>
/// The demo governance tree under 武汉市 and the demo users. The Cosmos emulator keeps nothing between runs, so
/// this runs at every start; upserts make it harmless against a reused emulator.
/// </summary>
public static class DemoData
{
    public const string DemoCommunityId = "420106001001";

    public static async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var cosmos = services.GetRequiredService<CosmosClient>();
        var orgs = cosmos.GetContainer(StoreNames.Database, StoreNames.Containers.Orgs);
        var tree = LoadOrgs();
        foreach (var org in tree)
        {
            await orgs.UpsertItemAsync(org, new PartitionKey(org.Id), cancellationToken: cancellationToken);
        }

        services.GetRequiredService<OrgDirectory>().Invalidate();
        var accounts = services.GetRequiredService<UserStore>();
        var time = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var users = cosmos.GetContainer(StoreNames.Database, StoreNames.Containers.Users);
        foreach (var demo in DemoUsers.All)
        {
            var openId = WeChatSimulator.OpenIdFor(demo.LoginCode);
            var scope = demo.Roles.SelectMany(r => tree.First(o => o.Id == r.OrgId).Path.Append(r.OrgId)).Distinct().Order(StringComparer.Ordinal).ToList();
            // Ids are random: the openid's link (as login makes it) names the account, a new one on a fresh emulator.
            var id = await accounts.FindIdByOpenIdAsync(openId, cancellationToken)
                ?? await accounts.LinkOpenIdAsync(openId, UserIds.NewId(), cancellationToken);
            var user = new UserAccount
            {
                Id = id,
                OpenId = openId,
                DisplayName = demo.DisplayName,
                HomeCommunityId = demo.HomeCommunityId,
                Roles = [.. demo.Roles.Select(r => new RoleAssignment(r.Role, r.OrgId, time))],
                StaffScopeIndex = scope,
                CreatedAt = time,
                UpdatedAt = time,
            };
            await users.UpsertItemAsync(user, new PartitionKey(user.Id), cancellationToken: cancellationToken);
        }
    }

    public static IReadOnlyList<OrgUnit> LoadOrgs()
    {
        using var stream = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Seeding", "demo-orgs.json"));
        var flat = JsonSerializer.Deserialize<List<OrgUnit>>(stream, JsonDefaults.Options) ?? [];
        var byId = flat.ToDictionary(o => o.Id);
        return [.. flat.Select(o => o with { Path = Ancestors(o, byId) })];
    }

    private static List<string> Ancestors(OrgUnit org, Dictionary<string, OrgUnit> byId)
    {
        var path = new List<string>();
        for (var parent = org.ParentId; parent is not null; parent = byId[parent].ParentId)
        {
            path.Insert(0, parent);
        }

        return path;
    }
}
