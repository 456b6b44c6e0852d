namespace GongTongDizao.EndToEnd.Tests.Reliability;

/// <summary>
/// Every text staff write for residents to read goes through the same content check as residents' own text:
/// risky text, or text WeChat would have reviewed, is 422 CONTENT_REJECTED and nothing of it is stored.
/// </summary>
[Collection(MatrixCollection.Name)]
public sealed class StaffTextTests(MatrixFixture host)
{
    private const string Risky = "加微信赚钱，日结";
    private const string ForReview = "这段文字待审核，请人工看看";

    [Fact]
    public async Task Replies_reasons_meetings_minutes_decisions_deed_plans_progress_and_cancellations_are_checked_before_they_are_saved()
    {
        var w = await MatrixWorld.CreateAsync(host);
        var accepted = await w.AcceptedLetterAsync();
        var submitted = await w.LetterAsync();
        var deliberating = await w.DeliberatingTopicAsync();
        var (started, meeting) = await w.StartedMeetingAsync();
        var decidable = await w.HeldMeetingTopicAsync();
        var delivering = await w.DeliveringTopicAsync();
        var evaluating = await w.EvaluatingTopicAsync();
        var heldLetter = await w.HeldLetterAsync();
        var heldTopic = await w.HeldTopicAsync();
        var activity = await w.ActivityAsync();
        var calls = new (string Name, string Token, string Path, object Body)[]
        {
            ("letter reply", w.YouthIn.Token, $"api/letters/{accepted}/reply", new { content = Risky }),
            ("letter reply for review", w.YouthIn.Token, $"api/letters/{accepted}/reply", new { content = ForReview }),
            ("transfer reason", w.YouthIn.Token, $"api/letters/{submitted}/transfer", new { orgId = MatrixWorld.Street, reason = Risky }),
            ("letter rejection reason", w.Moderator.Token, $"api/letters/{heldLetter}/reject", new { reason = Risky }),
            ("moderation rejection reason", w.Moderator.Token, $"api/staff/moderation/topic/{heldTopic}/reject", new { reason = Risky }),
            ("meeting agenda", w.FederationIn.Token, $"api/topics/{deliberating}/meetings", new { startsAt = host.Clock.GetUtcNow().AddDays(2), place = "社区议事厅", agenda = Risky, capacity = 10 }),
            ("meeting place", w.FederationIn.Token, $"api/topics/{deliberating}/meetings", new { startsAt = host.Clock.GetUtcNow().AddDays(2), place = Risky, agenda = "扶手安装方案", capacity = 10 }),
            ("minutes", w.FederationIn.Token, $"api/topics/{started}/meetings/{meeting}/minutes", new { attendees = 9, summary = Risky }),
            ("decision reason", w.FederationIn.Token, $"api/topics/{decidable}/decision", new { outcome = "rejected", votesFor = 1, votesAgainst = 4, abstentions = 0, reason = Risky }),
            ("deed owner", w.FederationIn.Token, $"api/topics/{delivering}/deed", new { owner = Risky }),
            ("deed milestone", w.FederationIn.Token, $"api/topics/{delivering}/deed", new { owner = "社区居委会", milestones = new[] { new { title = Risky } } }),
            ("progress note", w.FederationIn.Token, $"api/topics/{delivering}/progress", new { text = Risky, percent = 50 }),
            ("send-back reason", w.FederationIn.Token, $"api/topics/{evaluating}/send-back", new { reason = Risky }),
            ("activity cancellation reason", w.TeamLeader.Token, $"api/activities/{activity}/cancel", new { reason = Risky }),
        };

        var failures = new List<string>();
        foreach (var (name, token, path, body) in calls)
        {
            var (status, problem) = await host.SendAsync(name.StartsWith("deed", StringComparison.Ordinal) ? HttpMethod.Put : HttpMethod.Post, path, token, body);
            if (status != 422 || problem.GetProperty("code").GetString() != "CONTENT_REJECTED")
            {
                failures.Add($"{name}: {status} {problem}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        foreach (var (path, token) in new[] { ($"api/letters/{accepted}", w.A.Token), ($"api/letters/{submitted}", w.A.Token), ($"api/letters/{heldLetter}", w.A.Token) })
        {
            var (_, letter) = await host.SendAsync(HttpMethod.Get, path, token);
            Assert.DoesNotContain(Risky, letter.ToString(), StringComparison.Ordinal);
            Assert.NotEqual("rejected", letter.GetProperty("status").GetString());
        }

        foreach (var topic in new[] { deliberating, started, decidable, delivering, evaluating, heldTopic })
        {
            var (_, view) = await host.SendAsync(HttpMethod.Get, $"api/topics/{topic}", w.A.Token);
            Assert.DoesNotContain(Risky, view.ToString(), StringComparison.Ordinal);
        }

        var (_, published) = await host.SendAsync(HttpMethod.Get, $"api/activities/{activity}", w.A.Token);
        Assert.Equal("published", published.GetProperty("status").GetString());
        Assert.DoesNotContain(Risky, published.ToString(), StringComparison.Ordinal);
    }
}
