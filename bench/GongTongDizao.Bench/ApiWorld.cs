using System.Globalization;

namespace GongTongDizao.Bench;

/// <summary>An endpoint under measurement: its call returns false for a non-2xx answer, null when out of fresh inputs; its target ratio (issue #23).</summary>
internal sealed record Endpoint(string Name, Kind Kind, double Target, Func<int, Task<bool?>> Call);

/// <summary>
/// The residents, topics and letters the API benchmark works on, created through the API in a community of this run's
/// own, so every call is a realistic one: an existing resident logging in, reading their own letter, seconding a
/// topic they have not seconded yet.
/// </summary>
internal sealed class ApiWorld
{
    private readonly ApiSession _api;
    private readonly List<(string Code, string Token, string LetterId)> _residents;
    private readonly List<string> _topics;
    private int _seconds = -1;

    private ApiWorld(ApiSession api, List<(string, string, string)> residents, List<string> topics)
    {
        _api = api;
        _residents = residents;
        _topics = topics;
    }

    public static async Task<ApiWorld> CreateAsync(ApiSession api, int residents, int topics)
    {
        var community = string.Create(CultureInfo.InvariantCulture, $"4201069{Random.Shared.Next(10000, 99999)}");
        await api.ExpectAsync(200, HttpMethod.Post, "api/manage/orgs/import", body: new { orgs = new[] { new { id = community, name = "性能测试社区", level = "community", parentId = "420106008" } } }, functionKey: DevHostProcess.MasterKey);
        var people = new List<(string, string, string)>();
        foreach (var chunk in Enumerable.Range(0, residents + topics).Chunk(16))
        {
            people.AddRange(await Task.WhenAll(chunk.Select(async i =>
            {
                var code = $"dev-bench-{Guid.NewGuid():N}";
                var token = await api.LoginAsync(code);
                await api.ExpectAsync(200, HttpMethod.Put, "api/me", token, new { displayName = $"居民{i}", homeCommunityId = community });
                var letter = await api.CreatedIdAsync(HttpMethod.Post, "api/letters", token, Letter);
                return (code, token, letter);
            })));
        }

        // Topic authors are not in the seconding pool: nobody seconds their own topic.
        var authors = people.Skip(residents).ToList();
        var topicIds = new List<string>();
        for (var i = 0; i < topics; i++)
        {
            topicIds.Add(await api.CreatedIdAsync(HttpMethod.Post, "api/topics", authors[i].Item2, new { communityId = community, title = $"楼道照明改造{i}", description = "晚上楼道太黑，建议加装感应灯。", attachments = Array.Empty<string>() }));
        }

        return new ApiWorld(api, people.Take(residents).ToList(), topicIds);
    }

    private static object Letter => new { category = "daily_life", title = "小区快递柜不够用", content = "希望增加快递柜，或者协调快递员送货上门。", anonymous = false, attachments = Array.Empty<string>() };

    public IEnumerable<Endpoint> Endpoints() =>
    [
        new("POST /api/auth/login", Kind.Write, 2.0, async n => Ok(await _api.StatusAsync(HttpMethod.Post, "api/auth/login", body: new { code = Resident(n).Code }))),
        new("POST /api/letters", Kind.Write, 3.0, async n => Ok(await _api.StatusAsync(HttpMethod.Post, "api/letters", Resident(n).Token, Letter))),
        new("GET /api/letters/{id}", Kind.Read, 1.5, async n => Ok(await _api.StatusAsync(HttpMethod.Get, $"api/letters/{Resident(n).LetterId}", Resident(n).Token))),
        new("GET /api/letters/mine", Kind.List, 1.3, async n => Ok(await _api.StatusAsync(HttpMethod.Get, "api/letters/mine", Resident(n).Token))),
        new("POST /api/topics/{id}/second", Kind.Write, 2.5, _ => SecondAsync()),
        new("GET /api/me/notifications", Kind.List, 1.3, async n => Ok(await _api.StatusAsync(HttpMethod.Get, "api/me/notifications", Resident(n).Token))),
    ];

    /// <summary>Each call a resident who has not seconded that topic yet, until every pair is used.</summary>
    private async Task<bool?> SecondAsync()
    {
        var n = Interlocked.Increment(ref _seconds);
        if (n >= _residents.Count * _topics.Count)
        {
            return null;
        }

        var status = await _api.StatusAsync(HttpMethod.Post, $"api/topics/{_topics[n / _residents.Count]}/second", _residents[n % _residents.Count].Token);
        return Ok(status);
    }

    private (string Code, string Token, string LetterId) Resident(int n) => _residents[n % _residents.Count];

    private static bool? Ok(int status) => status is >= 200 and < 300;
}
