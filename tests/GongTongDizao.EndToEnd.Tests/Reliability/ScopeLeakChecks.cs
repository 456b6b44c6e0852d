using System.Text.Json;

namespace GongTongDizao.EndToEnd.Tests.Reliability;

/// <summary>
/// "No listing, search, statistics or export leaks items out of scope": what resident B, staff and moderators out of
/// scope get from every listing must not name A's items in 昙华林社区. Each check has a positive twin (someone
/// entitled does see the item) so that an empty or broken listing cannot pass.
/// </summary>
public sealed class ScopeLeakChecks(MatrixFixture host, MatrixWorld w)
{
    private readonly List<(string Check, string? Failure)> _results = [];

    public static IReadOnlyList<string> Descriptions { get; } =
    [
        "`GET /api/letters/mine`: resident B's list has none of A's letters (A's has them).",
        "`GET /api/staff/letters`: out-of-scope youth-league staff's whole scope has none of C1's letters; staff in scope have them but not held ones nor ones moderators rejected, and `status=held` or `status=rejected` is 400.",
        "`GET /api/staff/letters` and `/stats` with `orgId` of the district above their street: 403 for out-of-scope staff (an ancestor is no way in); their default statistics are of their own street.",
        "`GET /api/letters/{id}` of a held letter: 404 for staff in and out of scope and for a moderator out of scope; the moderator in scope reads it.",
        "`GET /api/staff/moderation`: a moderator out of scope sees none of C1's held letter, topic or comment (the moderator in scope sees all three).",
        "`GET /api/communities/{id}/topics`, `GET /api/topics/{id}`, `GET /api/topics/{id}/comments`: A's held topic and held comment are absent or 404 for B and out-of-scope staff and moderators (public ones are listed).",
        "`GET /api/me/export` and `GET /api/me/notifications`: B's export and inbox name none of A's letters, topics or comments (A's export does).",
        "`GET /api/stats/deliberation` and `/stats/showcase` for another street: C1 is not among its communities.",
        "`GET /api/staff/orders`: out-of-scope youth-league staff's whole scope has none of A's orders, and the district above their street is 403; staff in scope have them. No listing shows an order's contact phone.",
        "`GET /api/teams/{id}/orders`: the leader of another team gets 403 for this team's list, and their own team's list has none of this team's dispatched or taken orders nor orders pooled outside its area; this team's leader and member have them.",
        "`GET /api/teams`: a node's list has no team that does not serve it, and shows nobody's membership (members and join requests stay inside the team).",
    ];

    public async Task<IReadOnlyList<(string Check, string? Failure)>> RunAsync()
    {
        var letter = await w.LetterAsync();
        var heldLetter = await w.HeldLetterAsync();
        var rejectedLetter = await w.RejectedLetterAsync();
        var topic = await w.TopicAsync();
        var heldTopic = await w.HeldTopicAsync();
        // The export names comments by their text, so the text carries a mark of its own.
        var mark = Guid.NewGuid().ToString("N")[..12];
        var comment = await w.CommentAsync(topic, "支持，楼道确实需要扶手。" + mark);
        var heldComment = await w.CommentAsync(topic, "这段文字待审核，支持加装扶手。" + mark);
        string[] lettersOfA = [letter, heldLetter];
        string[] everythingOfA = [letter, heldLetter, topic, heldTopic, comment, heldComment, mark];

        await ListAsync("B: letters/mine", w.B, "api/letters/mine?pageSize=50", absent: lettersOfA);
        await ListAsync("A: letters/mine", w.A, "api/letters/mine?pageSize=50", present: lettersOfA);

        await ListAsync("staff out: staff/letters", w.YouthOut, "api/staff/letters?pageSize=50", absent: lettersOfA);
        await ListAsync("staff in: staff/letters", w.YouthIn, $"api/staff/letters?orgId={MatrixWorld.Community}&pageSize=50", present: [letter], absent: [heldLetter, rejectedLetter]);
        await StatusAsync("staff in: staff/letters?status=rejected", w.YouthIn, $"api/staff/letters?orgId={MatrixWorld.Community}&status=rejected", 400);
        await StatusAsync("staff in: staff/letters?status=held", w.YouthIn, $"api/staff/letters?orgId={MatrixWorld.Community}&status=held", 400);
        await ListAsync("A: rejected letter in letters/mine", w.A, "api/letters/mine?pageSize=50", present: [rejectedLetter]);
        await StatusAsync("staff out: staff/letters of the district", w.YouthOut, $"api/staff/letters?orgId={MatrixWorld.District}", 403);
        await StatusAsync("staff out: letter stats of the district", w.YouthOut, $"api/staff/letters/stats?orgId={MatrixWorld.District}", 403);
        await ListAsync("staff out: default letter stats", w.YouthOut, "api/staff/letters/stats", present: [$"\"id\":\"{MatrixWorld.OtherStreet}\""], absent: [MatrixWorld.Community]);

        await StatusAsync("staff in: held letter", w.YouthIn, $"api/letters/{heldLetter}", 404);
        await StatusAsync("staff out: held letter", w.YouthOut, $"api/letters/{heldLetter}", 404);
        await StatusAsync("moderator out: held letter", w.ModeratorOut, $"api/letters/{heldLetter}", 404);
        await StatusAsync("moderator in: held letter", w.Moderator, $"api/letters/{heldLetter}", 200);

        await QueueAsync("moderator out: moderation queue", w.ModeratorOut, present: [], absent: [heldLetter, heldTopic, heldComment]);
        await QueueAsync("moderator in: moderation queue", w.Moderator, present: [heldLetter, heldTopic, heldComment], absent: []);

        await ListAsync("B: community topics", w.B, $"api/communities/{MatrixWorld.Community}/topics", present: [topic], absent: [heldTopic]);
        await ListAsync("B: topic comments", w.B, $"api/topics/{topic}/comments", present: [comment], absent: [heldComment]);
        await ListAsync("staff out: topic comments", w.FederationOut, $"api/topics/{topic}/comments", present: [comment], absent: [heldComment]);
        foreach (var (who, person) in new[] { ("B", w.B), ("staff out", w.FederationOut), ("moderator out", w.ModeratorOut) })
        {
            await StatusAsync($"{who}: held topic", person, $"api/topics/{heldTopic}", 404);
            await StatusAsync($"{who}: comments of a held topic", person, $"api/topics/{heldTopic}/comments", 404);
        }

        await ListAsync("B: export", w.B, "api/me/export", absent: everythingOfA);
        await ListAsync("A: export", w.A, "api/me/export", present: [letter, topic, mark]);
        await ListAsync("B: notifications", w.B, "api/me/notifications", absent: everythingOfA);

        await ListAsync("staff out: deliberation stats of their street", w.FederationOut, $"api/stats/deliberation?orgId={MatrixWorld.OtherStreet}", present: [MatrixWorld.OtherCommunity], absent: [MatrixWorld.Community]);
        await ListAsync("staff out: showcase of their street", w.FederationOut, $"api/stats/showcase?orgId={MatrixWorld.OtherStreet}", absent: [MatrixWorld.Community]);
        await OrdersAsync();
        return _results;
    }

    /// <summary>青年点单 listings: the office's, a team's work list and the public team list.</summary>
    private async Task OrdersAsync()
    {
        var submitted = await w.OrderAsync();
        var pooled = await w.PooledOrderAsync();
        var dispatched = await w.DispatchedOrderAsync();
        var taken = await w.TakenOrderAsync();
        string[] ordersOfA = [submitted, pooled, dispatched, taken];
        const string phone = "13800000000";

        await ListAsync("staff out: staff/orders", w.YouthOut, "api/staff/orders?pageSize=50", absent: [.. ordersOfA, phone]);
        await StatusAsync("staff out: staff/orders of the district", w.YouthOut, $"api/staff/orders?orgId={MatrixWorld.District}", 403);
        await ListAsync("staff in: staff/orders", w.YouthIn, $"api/staff/orders?orgId={MatrixWorld.Community}&pageSize=50", present: ordersOfA, absent: [phone]);

        await StatusAsync("other team: this team's orders", w.OtherTeamLeader, $"api/teams/{w.Team}/orders", 403);
        await StatusAsync("B: this team's orders", w.B, $"api/teams/{w.Team}/orders", 403);
        await ListAsync("other team: own team's orders", w.OtherTeamLeader, $"api/teams/{w.OtherTeam}/orders?pageSize=50", absent: [.. ordersOfA, phone]);
        await ListAsync("leader: own team's orders", w.TeamLeader, $"api/teams/{w.Team}/orders?pageSize=50", present: [pooled, dispatched, taken], absent: [submitted, phone]);
        await ListAsync("member: own team's orders", w.TeamMember, $"api/teams/{w.Team}/orders?pageSize=50", present: [pooled, dispatched, taken], absent: [submitted, phone]);

        await ListAsync("B: teams serving C1", w.B, $"api/teams?orgId={MatrixWorld.Community}", present: [w.Team], absent: [w.OtherTeam, w.TeamMember.Id]);
        await ListAsync("other team: teams serving C1", w.OtherTeamLeader, $"api/teams?orgId={MatrixWorld.Community}", present: [w.Team], absent: [w.OtherTeam, w.TeamMember.Id]);
        await ListAsync("staff in: teams serving the other community", w.YouthIn, $"api/teams?orgId={MatrixWorld.OtherCommunity}", present: [w.OtherTeam], absent: [w.Team, w.OtherTeamLeader.Id]);
    }

    private async Task StatusAsync(string check, Person who, string path, int expected)
    {
        var (status, body) = await SendAsync(host, HttpMethod.Get, path, who.Token, key: null, body: null);
        _results.Add((check, status == expected ? null : $"{check}: GET /{path} gave {status}, expected {expected}: {Short(body)}"));
    }

    private async Task ListAsync(string check, Person who, string path, string[]? present = null, string[]? absent = null)
    {
        var (status, body) = await SendAsync(host, HttpMethod.Get, path, who.Token, key: null, body: null);
        _results.Add((check, status != 200 ? $"{check}: GET /{path} gave {status}: {Short(body)}" : Compare(check, body, present ?? [], absent ?? [])));
    }

    /// <summary>The queue is paged by source; every page is read (held items of other suites may come first).</summary>
    private async Task QueueAsync(string check, Person who, string[] present, string[] absent)
    {
        var pages = new List<string>();
        string? continuation = null;
        do
        {
            var path = "api/staff/moderation" + (continuation is null ? string.Empty : "?continuation=" + Uri.EscapeDataString(continuation));
            var (status, body) = await SendAsync(host, HttpMethod.Get, path, who.Token, key: null, body: null);
            if (status != 200)
            {
                _results.Add((check, $"{check}: GET /{path} gave {status}: {Short(body)}"));
                return;
            }

            pages.Add(body);
            using var json = JsonDocument.Parse(body);
            continuation = json.RootElement.TryGetProperty("continuation", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (continuation is not null && pages.Count < 200);

        _results.Add((check, Compare(check, string.Join('\n', pages), present, absent)));
    }

    private static string? Compare(string check, string body, string[] present, string[] absent)
    {
        var missing = present.Where(id => !body.Contains(id, StringComparison.Ordinal)).ToList();
        var leaked = absent.Where(id => body.Contains(id, StringComparison.Ordinal)).ToList();
        return missing.Count == 0 && leaked.Count == 0 ? null : $"{check}: leaked [{string.Join(", ", leaked)}], missing [{string.Join(", ", missing)}]";
    }

    private static string Short(string body) => body.Length <= 300 ? body : body[..300];

    /// <summary>A call whose status and text are all the matrix looks at (no contract check: refusals are the point).</summary>
    public static async Task<(int Status, string Body)> SendAsync(MatrixFixture host, HttpMethod method, string path, string? token, string? key, object? body)
    {
        ArgumentNullException.ThrowIfNull(host);
        using var client = host.CreateClient();
        using var request = ApiClient.Request(method, path, token, body, key);

        using var response = await client.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
