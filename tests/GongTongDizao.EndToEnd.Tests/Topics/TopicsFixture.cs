using System.Text.Json;
using GongTongDizao.Core;
using GongTongDizao.Core.Audit;
using GongTongDizao.Testing;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.EndToEnd.Tests.Topics;

/// <summary>
/// The DevHost with a clock the tests move and a one-hour seconding window (the threshold stays at the default 10),
/// so expiry and meetings can be walked through within a token's lifetime.
/// </summary>
public class TopicsFixture : DevHostFixture
{
    public const string Community = "420106001001";
    public const string OtherCommunity = "420106001002";

    protected override IEnumerable<string> Arguments() => [.. base.Arguments(), "--Topics:SecondWindow=01:00:00"];

    protected override bool UsesShiftableClock => true;

    /// <summary>A new resident (dev login) living in <paramref name="communityId"/>: token and user id.</summary>
    public async Task<(string Token, string UserId)> NewResidentAsync(string communityId = Community, string name = "居民")
    {
        var token = await this.LoginAsync($"dev-{Guid.NewGuid():N}");
        var (status, me) = await this.SendAsync(HttpMethod.Put, "api/me", token, new { displayName = name, homeCommunityId = communityId });
        Assert.Equal(200, status);
        return (token, me.GetProperty("id").GetString()!);
    }

    public async Task<string> NewTopicAsync(string token, string communityId = Community, string title = "楼道加装扶手")
    {
        var (status, topic) = await this.SendAsync(HttpMethod.Post, "api/topics", token, new { communityId, title, description = "老人上下楼不方便，建议在楼道加装扶手，方便大家出行。" });
        Assert.True(status == 201, $"create topic: {status} {topic}");
        return topic.GetProperty("id").GetString()!;
    }

    public async Task<JsonElement> GetTopicAsync(string token, string topicId)
    {
        var (status, topic) = await this.SendAsync(HttpMethod.Get, $"api/topics/{topicId}", token);
        Assert.Equal(200, status);
        return topic;
    }

    /// <summary>The audit trail's actions for an entity, oldest first.</summary>
    public async Task<List<string>> AuditActionsAsync(string entityId)
    {
        var actions = new List<string>();
        await foreach (var entry in Services.GetRequiredService<AuditLog>().AboutAsync(entityId, CancellationToken.None))
        {
            actions.Add(entry.Action);
        }

        return actions;
    }

    public Container Topics => Services.GetRequiredService<CosmosClient>().GetContainer(StoreNames.Database, StoreNames.Containers.Topics);
}

/// <summary>The seconding, comment and five-step suites share one topics host, one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class TopicsCollection : ICollectionFixture<TopicsFixture>
{
    public const string Name = "Topics";
}
