using System.Collections.Concurrent;
using System.Globalization;
using GongTongDizao.Core;
using GongTongDizao.Testing;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace GongTongDizao.EndToEnd.Tests.Reliability;

/// <summary>
/// 50 concurrent residents submit letters and second topics through the DevHost for a bounded time (15 s in
/// ./test.sh; RELIABILITY_LOAD_SECONDS=60 for the full run): no 5xx, and every 201 is exactly one stored letter with
/// one audit entry and a published outbox, every successful second exactly one count.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class LoadTests(ReliabilityFixture host, ITestOutputHelper output)
{
    private const int Residents = 50;

    [Fact]
    public async Task Fifty_residents_at_once_lose_nothing_and_never_see_a_5xx()
    {
        var seconds = int.TryParse(Environment.GetEnvironmentVariable("RELIABILITY_LOAD_SECONDS"), CultureInfo.InvariantCulture, out var s) ? s : 15;
        var community = $"4201067{Random.Shared.Next(10000, 99999)}";
        var (imported, _) = await host.SendAsync(HttpMethod.Post, "api/manage/orgs/import", body: new { orgs = new[] { new { id = community, name = "压力测试社区", level = "community", parentId = "420106008" } } }, functionKey: DevHostFixture.MasterKey);
        Assert.Equal(200, imported);
        var tokens = await Task.WhenAll(Enumerable.Range(0, Residents).Select(async i =>
        {
            var token = await host.LoginAsync($"dev-load-{Guid.NewGuid():N}");
            var (status, _) = await host.SendAsync(HttpMethod.Put, "api/me", token, new { displayName = $"居民{i}", homeCommunityId = community });
            Assert.Equal(200, status);
            return token;
        }));
        var topics = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var (status, topic) = await host.SendAsync(HttpMethod.Post, "api/topics", tokens[i], new { communityId = community, title = $"楼道照明改造{i}", description = "晚上楼道太黑，建议加装感应灯。", attachments = Array.Empty<string>() });
            Assert.Equal(201, status);
            topics.Add(topic.GetProperty("id").GetString()!);
        }

        var created = 0;
        var seconded = new ConcurrentDictionary<(int Resident, string Topic), bool>();
        var statuses = new ConcurrentDictionary<int, int>();
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        await Task.WhenAll(Enumerable.Range(0, Residents).Select(async r =>
        {
            var random = new Random(r);
            while (DateTime.UtcNow < deadline)
            {
                if (random.Next(2) == 0)
                {
                    var (status, _) = await host.SendRawAsync(HttpMethod.Post, "api/letters", tokens[r], new { category = "daily_life", title = "小区快递柜不够用", content = "希望增加快递柜，或者协调快递员送货上门。", anonymous = false, attachments = Array.Empty<string>() });
                    statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                    if (status == 201)
                    {
                        Interlocked.Increment(ref created);
                    }
                }
                else
                {
                    var topic = topics[random.Next(topics.Count)];
                    var (status, _) = await host.SendRawAsync(HttpMethod.Post, $"api/topics/{Uri.EscapeDataString(topic)}/second", tokens[r]);
                    statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                    if (status is 200 or 201)
                    {
                        seconded[(r, topic)] = true;
                    }
                }
            }
        }));

        output.WriteLine($"Load: {seconds} s, statuses {string.Join(", ", statuses.OrderBy(p => p.Key).Select(p => $"{p.Key}×{p.Value}"))}, letters created {created}, distinct seconds {seconded.Count}");
        var cosmos = host.Services.GetRequiredService<CosmosClient>();
        var storedLetters = await CountAsync(cosmos, StoreNames.Containers.Letters, "c.communityId = @c", community);
        var auditEntries = await CountAsync(cosmos, StoreNames.Containers.Events, "STARTSWITH(c.entityId, @c) AND c.action = 'letter.submitted'", community + "~");
        var secondCounts = new List<(int Expected, int Actual)>();
        foreach (var topic in topics)
        {
            var (_, view) = await host.SendAsync(HttpMethod.Get, $"api/topics/{Uri.EscapeDataString(topic)}", tokens[0]);
            secondCounts.Add((seconded.Keys.Count(k => k.Topic == topic), view.GetProperty("secondCount").GetInt32()));
        }

        // A 5xx is a failed request; a stored count that disagrees with the answers is one more failure.
        var serverErrors = statuses.Where(p => p.Key >= 500).Sum(p => p.Value);
        var mismatches = (storedLetters == created ? 0 : 1) + (auditEntries == created ? 0 : 1) + secondCounts.Count(c => c.Expected != c.Actual);
        CaseTally.Record("load", statuses.Values.Sum(), serverErrors + mismatches);

        Assert.DoesNotContain(statuses.Keys, k => k >= 500);
        Assert.True(created > 0);
        Assert.Equal(created, storedLetters);
        Assert.Equal(created, auditEntries);
        await Eventually.TrueAsync(async () => await CountAsync(cosmos, StoreNames.Containers.Letters, "c.communityId = @c AND ARRAY_LENGTH(c.outbox) > 0", community) == 0, TimeSpan.FromSeconds(30));
        Assert.All(secondCounts, c => Assert.Equal(c.Expected, c.Actual));
    }

    private static async Task<int> CountAsync(CosmosClient cosmos, string container, string where, string value)
    {
        var query = new QueryDefinition($"SELECT VALUE COUNT(1) FROM c WHERE {where}").WithParameter("@c", value);
        using var feed = cosmos.GetContainer(StoreNames.Database, container).GetItemQueryIterator<int>(query);
        var total = 0;
        while (feed.HasMoreResults)
        {
            total += (await feed.ReadNextAsync()).Sum();
        }

        return total;
    }
}
