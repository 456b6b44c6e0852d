using System.Text.Json;
using GongTongDizao.EndToEnd.Tests.Attachments;
using GongTongDizao.Testing;

namespace GongTongDizao.EndToEnd.Tests.Owed;

/// <summary>Issue 21: the lists women's representatives and federation workers need, offline meetings, comment photos.</summary>
[Collection(OwedCollection.Name)]
public sealed class OwedTopicTests(OwedFixture host)
{
    [Fact]
    public async Task Staff_list_topics_across_their_subtree_filtered_by_status_and_needs_action()
    {
        var (street, community, other) = await host.ImportStreetAsync();
        var (federation, _) = await host.NewStaffAsync(community, "womensFederationWorker", street, "妇联干部");
        var (representative, _) = await host.NewStaffAsync(other, "womenRepresentative", other, "另一社区妇女代表");
        var (author, _) = await host.NewResidentAsync(community, "发起人");
        var (neighbour, _) = await host.NewResidentAsync(other, "邻居");
        var proposed = await host.NewTopicAsync(author, community, "增设快递柜");
        var deliberating = await host.NewTopicAsync(neighbour, other, "楼道堆物清理");
        await ReachThresholdAsync(deliberating, other);

        var all = await ListAsync(federation, "");
        var needing = await ListAsync(federation, "?needsAction=true");
        var notNeeding = await ListAsync(federation, "?needsAction=false");
        var ofCommunity = await ListAsync(federation, $"?orgId={community}");
        var byStatus = await ListAsync(federation, "?status=deliberating");
        var mine = await ListAsync(representative, "");
        var (outside, _) = await host.SendAsync(HttpMethod.Get, $"api/staff/topics?orgId={community}", representative);
        var (resident, _) = await host.SendAsync(HttpMethod.Get, "api/staff/topics", author);
        var (badFilter, problem) = await host.SendAsync(HttpMethod.Get, "api/staff/topics?needsAction=maybe", federation);

        Assert.Equal([deliberating, proposed], Ids(all));
        Assert.Equal([deliberating], Ids(needing));
        Assert.True(needing[0].GetProperty("needsAction").GetBoolean());
        Assert.Equal(other, needing[0].GetProperty("community").GetProperty("id").GetString());
        Assert.Equal([proposed], Ids(notNeeding));
        Assert.Equal([proposed], Ids(ofCommunity));
        Assert.Equal([deliberating], Ids(byStatus));
        Assert.Equal([deliberating], Ids(mine));
        Assert.Equal(403, outside);
        Assert.Equal(403, resident);
        Assert.Equal(400, badFilter);
        Assert.True(problem.GetProperty("errors").TryGetProperty("needsAction", out _));
    }

    [Fact]
    public async Task The_sign_in_sheet_lists_registrants_in_order_and_the_waiting_list_moves_up_for_staff_only()
    {
        var (street, community, _) = await host.ImportStreetAsync();
        var (federation, _) = await host.NewStaffAsync(community, "womensFederationWorker", street, "妇联干部");
        var (author, _) = await host.NewResidentAsync(community, "发起人");
        var topicId = await host.NewTopicAsync(author, community, "社区食堂开早餐");
        await ReachThresholdAsync(topicId, community);
        var (scheduled, topic) = await host.SendAsync(HttpMethod.Post, $"api/topics/{topicId}/meetings", federation, new { startsAt = host.Clock.GetUtcNow().AddDays(2), place = "社区议事厅", agenda = "早餐的品种和价格", capacity = 2 });
        Assert.True(scheduled == 201, topic.ToString());
        var meetingId = topic.GetProperty("meetings")[0].GetProperty("id").GetString()!;
        var people = new List<(string Token, string UserId)>();
        foreach (var name in new[] { "甲", "乙", "丙", "丁" })
        {
            var person = await host.NewResidentAsync(community, "居民" + name);
            Assert.Equal(200, (await host.SendAsync(HttpMethod.Post, $"api/topics/{topicId}/meetings/{meetingId}/registration", person.Token)).Status);
            people.Add(person);
        }

        var (before, sheet) = await host.SendAsync(HttpMethod.Get, $"api/topics/{topicId}/meetings/{meetingId}/registrations", federation);
        await host.SendAsync(HttpMethod.Delete, $"api/topics/{topicId}/meetings/{meetingId}/registration", people[0].Token);
        var (_, moved) = await host.SendAsync(HttpMethod.Get, $"api/topics/{topicId}/meetings/{meetingId}/registrations", federation);
        var (residentStatus, _) = await host.SendAsync(HttpMethod.Get, $"api/topics/{topicId}/meetings/{meetingId}/registrations", people[1].Token);
        var (missing, _) = await host.SendAsync(HttpMethod.Get, $"api/topics/{topicId}/meetings/nope/registrations", federation);

        Assert.Equal(200, before);
        Assert.Equal([people[0].UserId, people[1].UserId], Users(sheet, "registered"));
        Assert.Equal([people[2].UserId, people[3].UserId], Users(sheet, "waiting"));
        Assert.Equal(["居民甲", "居民乙"], sheet.GetProperty("registered").EnumerateArray().Select(r => r.GetProperty("displayName").GetString()!).ToArray());
        Assert.Equal([1, 2], sheet.GetProperty("waiting").EnumerateArray().Select(r => r.GetProperty("position").GetInt32()).ToArray());
        Assert.Equal([people[1].UserId, people[2].UserId], Users(moved, "registered"));
        Assert.Equal([people[3].UserId], Users(moved, "waiting"));
        Assert.Equal(403, residentStatus);
        Assert.Equal(404, missing);
    }

    [Fact]
    public async Task A_meeting_held_offline_is_recorded_with_a_past_start_and_its_minutes_follow_right_away()
    {
        var (street, community, _) = await host.ImportStreetAsync();
        var (federation, _) = await host.NewStaffAsync(community, "womensFederationWorker", street, "妇联干部");
        var (author, _) = await host.NewResidentAsync(community, "发起人");
        var topicId = await host.NewTopicAsync(author, community, "单元门加装门禁");
        var seconders = await ReachThresholdAsync(topicId, community);
        var yesterday = host.Clock.GetUtcNow().AddDays(-1);

        var (future, futureProblem) = await host.SendAsync(HttpMethod.Post, $"api/topics/{topicId}/meetings", federation, new { startsAt = host.Clock.GetUtcNow().AddDays(1), place = "3 栋楼道口", agenda = "门禁的位置", heldOffline = true });
        var (recorded, topic) = await host.SendAsync(HttpMethod.Post, $"api/topics/{topicId}/meetings", federation, new { startsAt = yesterday, place = "3 栋楼道口", agenda = "门禁的位置", heldOffline = true });
        Assert.True(recorded == 201, topic.ToString());
        var meeting = topic.GetProperty("meetings")[0];
        var meetingId = meeting.GetProperty("id").GetString()!;
        var (register, _) = await host.SendAsync(HttpMethod.Post, $"api/topics/{topicId}/meetings/{meetingId}/registration", seconders[0]);
        var (minutes, held) = await host.SendAsync(HttpMethod.Post, $"api/topics/{topicId}/meetings/{meetingId}/minutes", federation, new { attendees = 14, summary = "大家同意在单元门加装门禁。" });
        var (withoutCapacity, capacityProblem) = await host.SendAsync(HttpMethod.Post, $"api/topics/{topicId}/meetings", federation, new { startsAt = host.Clock.GetUtcNow().AddDays(3), place = "社区议事厅", agenda = "门禁的费用" });

        Assert.Equal(400, future);
        Assert.True(futureProblem.GetProperty("errors").TryGetProperty("startsAt", out _));
        Assert.True(meeting.GetProperty("heldOffline").GetBoolean());
        Assert.Equal(409, register);
        Assert.True(minutes == 200, held.ToString());
        Assert.Equal("held", held.GetProperty("meetings")[0].GetProperty("status").GetString());
        Assert.Equal(14, held.GetProperty("meetings")[0].GetProperty("attendees").GetInt32());
        Assert.Contains("meeting.recorded_offline", await host.AuditActionsAsync(topicId));
        Assert.Equal(400, withoutCapacity);
        Assert.True(capacityProblem.GetProperty("errors").TryGetProperty("capacity", out _));
        // Nobody is invited to a meeting that already took place. A meeting scheduled afterwards is the sentinel: its
        // invitation travels the same outbox, events queue and fan-out, so once it has arrived, an invitation to the
        // recorded meeting would have too; the seconder must hold the sentinel's and no other.
        var (sentinel, sentinelTopic) = await host.SendAsync(HttpMethod.Post, $"api/topics/{topicId}/meetings", federation, new { startsAt = host.Clock.GetUtcNow().AddDays(2), place = "社区议事厅", agenda = "门禁的维护", capacity = 20 });
        Assert.True(sentinel == 201, sentinelTopic.ToString());
        var invitations = new List<JsonElement>();
        await Eventually.TrueAsync(
            async () =>
            {
                var (_, inbox) = await host.SendAsync(HttpMethod.Get, "api/me/notifications", seconders[1]);
                invitations = [.. inbox.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("eventType").GetString() == "topic.meeting_scheduled")];
                return invitations.Count > 0;
            },
            TimeSpan.FromSeconds(90),
            "the seconder is invited to the meeting scheduled after the recorded one");
        Assert.Single(invitations);
    }

    [Fact]
    public async Task A_comment_carries_photos_that_readers_get_read_urls_for()
    {
        var (_, community, _) = await host.ImportStreetAsync();
        var (author, _) = await host.NewResidentAsync(community, "发起人");
        var (commenter, _) = await host.NewResidentAsync(community, "评论人");
        var topicId = await host.NewTopicAsync(author, community, "修补小区路面");
        var (ticketStatus, ticket) = await host.SendAsync(HttpMethod.Post, "api/uploads", commenter, new { purpose = "comment", contentType = "image/jpeg", size = AttachmentsFixture.Jpeg.Length });
        Assert.True(ticketStatus == 201, ticket.ToString());
        Assert.Equal(201, await AttachmentsFixture.PutAsync(ticket, AttachmentsFixture.Jpeg));
        var uploadId = ticket.GetProperty("uploadId").GetString()!;

        var (created, comment) = await host.SendAsync(HttpMethod.Post, $"api/topics/{topicId}/comments", commenter, new { stance = "support", content = "门口这个坑很深，照片在这里。", attachments = new[] { uploadId } });
        var (reused, _) = await host.SendAsync(HttpMethod.Post, $"api/topics/{topicId}/comments", commenter, new { stance = "support", content = "再发一次同一张照片。", attachments = new[] { uploadId } });
        var (_, list) = await host.SendAsync(HttpMethod.Get, $"api/topics/{topicId}/comments", author);

        Assert.True(created == 201, comment.ToString());
        Assert.Equal(uploadId, Assert.Single(comment.GetProperty("attachments").EnumerateArray()).GetProperty("uploadId").GetString());
        Assert.Equal(400, reused);
        var listed = Assert.Single(list.GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetString() == comment.GetProperty("id").GetString());
        var photo = Assert.Single(listed.GetProperty("attachments").EnumerateArray());
        Assert.Equal(uploadId, photo.GetProperty("uploadId").GetString());
        if (photo.TryGetProperty("url", out var url))
        {
            using var http = new HttpClient();
            Assert.Equal(AttachmentsFixture.Jpeg, await http.GetByteArrayAsync(new Uri(url.GetString()!)));
        }
    }

    private async Task<List<string>> ReachThresholdAsync(string topicId, string community)
    {
        var tokens = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            var (token, _) = await host.NewResidentAsync(community, $"附议人{i}");
            Assert.Equal(200, (await host.SendAsync(HttpMethod.Post, $"api/topics/{topicId}/second", token)).Status);
            tokens.Add(token);
        }

        return tokens;
    }

    private async Task<JsonElement[]> ListAsync(string token, string query)
    {
        var (status, page) = await host.SendAsync(HttpMethod.Get, "api/staff/topics" + query, token);
        Assert.True(status == 200, page.ToString());
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    private static string[] Ids(JsonElement[] items) => [.. items.Select(i => i.GetProperty("id").GetString()!)];

    private static string[] Users(JsonElement sheet, string list) => [.. sheet.GetProperty(list).EnumerateArray().Select(r => r.GetProperty("userId").GetString()!)];
}
