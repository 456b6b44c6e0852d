using GongTongDizao.Core.Features.Activities;
using GongTongDizao.EndToEnd.Tests.Orders;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.EndToEnd.Tests.Hours;

/// <summary>
/// QR check-in and volunteer hours on the real worker: the session's signed code, who may scan it, hours credited by
/// the rules and confirmed by the organiser, forgotten check-outs, 补录 and corrections, all as new ledger entries.
/// Shares the 青年点单 host (volunteers, teams and a clock the tests move).
/// </summary>
[Collection(OrdersCollection.Name)]
public sealed class CheckInTests(OrdersFixture host)
{
    // Sessions are short: a test moves the clock through one, and the people's sign-in tokens last two hours.
    private static readonly TimeSpan s_hour = TimeSpan.FromHours(1);

    [Fact]
    public async Task Check_in_and_out_credits_half_hour_steps_that_wait_for_the_organiser_and_the_ledger_only_grows()
    {
        var (teamId, leader) = await host.TeamAsync("集市志愿服务队");
        var volunteer = await host.VolunteerAsync("志愿者小李");
        var activity = await host.ActivityAsync(teamId, "集市志愿服务队", ("s1", TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(90)));
        await host.RegisterAsync(activity, "s1", volunteer);
        var code = await host.CodeAsync(leader.Token, activity, "s1");

        var (inStatus, checkedIn) = await host.ScanAsync(volunteer.Token, code);
        var (againStatus, again) = await host.ScanAsync(volunteer.Token, code);
        host.Clock.Advance(TimeSpan.FromMinutes(10 + 80)); // 80 of the session's 90 minutes served: one hour credited
        var (outStatus, checkedOut) = await host.ScanAsync(volunteer.Token, code, "out");
        var pending = await host.OkAsync(HttpMethod.Get, "api/me/hours", volunteer.Token);
        var beforeDecision = await host.LedgerAsync(volunteer.Id);

        var recordId = checkedOut.GetProperty("record").GetProperty("id").GetString()!;
        var approved = await host.OkAsync(HttpMethod.Post, $"api/activities/{activity.Id}/hours/decisions", leader.Token, new { volunteerId = volunteer.Id, recordId, approved = true });
        var (secondStatus, second) = await host.SendAsync(HttpMethod.Post, $"api/activities/{activity.Id}/hours/decisions", leader.Token, new { volunteerId = volunteer.Id, recordId, approved = false, reason = "改主意" });
        var (strangerStatus, _) = await host.SendAsync(HttpMethod.Post, $"api/activities/{activity.Id}/hours/decisions", volunteer.Token, new { volunteerId = volunteer.Id, recordId, approved = true });
        var mine = await host.OkAsync(HttpMethod.Get, "api/me/hours", volunteer.Token);
        var afterDecision = await host.LedgerAsync(volunteer.Id);

        Assert.Equal((200, 200, 200), (inStatus, againStatus, outStatus));
        Assert.Equal("in_progress", checkedIn.GetProperty("record").GetProperty("status").GetString());
        Assert.Equal(checkedIn.GetProperty("record").GetProperty("checkedInAt").GetDateTimeOffset(), again.GetProperty("record").GetProperty("checkedInAt").GetDateTimeOffset());
        var record = pending.GetProperty("records").EnumerateArray().Single();
        Assert.Equal(("pending", 60, 1m), (record.GetProperty("status").GetString(), record.GetProperty("minutes").GetInt32(), record.GetProperty("hours").GetDecimal()));
        Assert.Equal(("志愿者小李", "集市志愿服务队", "志愿公益集市"), (record.GetProperty("volunteerName").GetString(), record.GetProperty("service").GetProperty("organiserName").GetString(), record.GetProperty("service").GetProperty("activityTitle").GetString()));
        Assert.Equal((0, 60), (pending.GetProperty("approvedMinutes").GetInt32(), pending.GetProperty("pendingMinutes").GetInt32()));
        Assert.Equal(("approved", "集市志愿服务队队长"), (approved.GetProperty("status").GetString(), approved.GetProperty("confirmedBy").GetString()));
        Assert.Equal((409, "INVALID_STATE"), (secondStatus, second.GetProperty("code").GetString()));
        Assert.Equal(403, strangerStatus);
        Assert.Equal((60, 1m), (mine.GetProperty("approvedMinutes").GetInt32(), mine.GetProperty("approvedHours").GetDecimal()));

        // Check-in, attendance, then one decision added; nothing written before it changed.
        Assert.Equal(2, beforeDecision.Count);
        Assert.Equal(3, afterDecision.Count);
        HoursWorld.Unchanged(beforeDecision, afterDecision);
        Assert.Single(await host.Services.GetRequiredService<IActivityAttendance>().CheckedInSignUpsAsync(activity.Id, "s1", CancellationToken.None));
    }

    [Fact]
    public async Task Expired_forged_foreign_and_early_codes_are_refused_with_their_codes()
    {
        var (teamId, leader) = await host.TeamAsync("签到码测试队");
        var volunteer = await host.VolunteerAsync("志愿者小王");
        var activity = await host.ActivityAsync(teamId, "签到码测试队", ("s1", TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30)), ("s2", TimeSpan.FromDays(1), s_hour));
        var other = await host.ActivityAsync(teamId, "签到码测试队", ("s1", TimeSpan.FromMinutes(5), s_hour));
        await host.RegisterAsync(activity, "s1", volunteer);
        var s1 = await host.CodeAsync(leader.Token, activity, "s1");
        var s2 = await host.CodeAsync(leader.Token, activity, "s2");
        var foreign = await host.CodeAsync(leader.Token, other, "s1");
        var forged = s1[..20] + (s1[20] == 'A' ? 'B' : 'A') + s1[21..];

        var (forgedStatus, forgedProblem) = await host.ScanAsync(volunteer.Token, forged);
        var (foreignStatus, foreignProblem) = await host.ScanAsync(volunteer.Token, foreign);
        var (earlyStatus, earlyProblem) = await host.ScanAsync(volunteer.Token, s2);
        host.Clock.Advance(TimeSpan.FromMinutes(5 + 30 + 31)); // past the end and the grace: as good as yesterday's code
        var (expiredStatus, expiredProblem) = await host.ScanAsync(volunteer.Token, s1);

        Assert.Equal((400, "CHECKIN_CODE_INVALID", "签到码无效，请扫描活动现场的签到码"), (forgedStatus, forgedProblem.GetProperty("code").GetString(), forgedProblem.GetProperty("title").GetString()));
        Assert.Equal((403, "CHECKIN_NOT_REGISTERED"), (foreignStatus, foreignProblem.GetProperty("code").GetString()));
        Assert.Equal((409, "CHECKIN_NOT_OPEN"), (earlyStatus, earlyProblem.GetProperty("code").GetString()));
        Assert.Equal((409, "CHECKIN_CODE_EXPIRED", "签到码已过期，请扫描本场活动现场的签到码"), (expiredStatus, expiredProblem.GetProperty("code").GetString(), expiredProblem.GetProperty("title").GetString()));
        Assert.Empty(await host.LedgerAsync(volunteer.Id));
    }

    [Fact]
    public async Task A_minor_without_a_guardians_consent_cannot_check_in_and_one_with_it_can()
    {
        var (teamId, leader) = await host.TeamAsync("未成年测试队");
        var minor = await host.VolunteerAsync("中学生小周", age: 16);
        var consented = await host.VolunteerAsync("中学生小吴", age: 16, guardian: true);
        var activity = await host.ActivityAsync(teamId, "未成年测试队", ("s1", TimeSpan.FromMinutes(5), s_hour));
        await host.RegisterAsync(activity, "s1", minor, consented);
        var code = await host.CodeAsync(leader.Token, activity, "s1");

        var (minorStatus, minorProblem) = await host.ScanAsync(minor.Token, code);
        var (consentedStatus, _) = await host.ScanAsync(consented.Token, code);

        Assert.Equal((409, "GUARDIAN_CONSENT_REQUIRED"), (minorStatus, minorProblem.GetProperty("code").GetString()));
        Assert.Equal(200, consentedStatus);
        Assert.Empty(await host.LedgerAsync(minor.Id));
        Assert.Single(await host.LedgerAsync(consented.Id));
    }

    [Fact]
    public async Task A_forgotten_check_out_is_closed_at_the_sessions_end_and_flagged()
    {
        var (teamId, leader) = await host.TeamAsync("忘签退测试队");
        var volunteer = await host.VolunteerAsync("志愿者小赵");
        var activity = await host.ActivityAsync(teamId, "忘签退测试队", ("s1", TimeSpan.FromMinutes(5), s_hour));
        var signUps = await host.RegisterAsync(activity, "s1", volunteer);
        var code = await host.CodeAsync(leader.Token, activity, "s1");
        host.Clock.Advance(TimeSpan.FromMinutes(30)); // 25 minutes into the session
        await host.ScanAsync(volunteer.Token, code);
        var dueAt = activity.Sessions[0].EndsAt + TimeSpan.FromMinutes(30);

        await host.CloseCheckOutsAsync(activity, "s1", dueAt); // early: nothing yet
        var early = await host.LedgerAsync(volunteer.Id);
        host.Clock.Advance(dueAt - host.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        await host.CloseCheckOutsAsync(activity, "s1", dueAt);
        await host.CloseCheckOutsAsync(activity, "s1", dueAt); // delivered twice: one attendance
        var mine = await host.OkAsync(HttpMethod.Get, "api/me/hours", volunteer.Token);
        var list = await host.OkAsync(HttpMethod.Get, $"api/activities/{activity.Id}/hours", leader.Token);

        Assert.Single(early);
        var record = mine.GetProperty("records").EnumerateArray().Single();
        Assert.True(record.GetProperty("autoClosed").GetBoolean());
        Assert.True(record.GetProperty("flagged").GetBoolean());
        Assert.Equal(activity.Sessions[0].EndsAt, record.GetProperty("checkedOutAt").GetDateTimeOffset());
        Assert.Equal(("pending", 30), (record.GetProperty("status").GetString(), record.GetProperty("minutes").GetInt32())); // the last 35 of 60 minutes: 30 credited
        Assert.Equal(1, list.GetProperty("pendingCount").GetInt32());
        Assert.Equal(2, (await host.LedgerAsync(volunteer.Id)).Count);
        Assert.Equal(signUps, await host.Services.GetRequiredService<IActivityAttendance>().CheckedInSignUpsAsync(activity.Id, "s1", CancellationToken.None));
    }

    [Fact]
    public async Task Bulu_hours_and_a_correction_with_its_decision_are_new_entries_and_the_certificate_states_them()
    {
        var (teamId, leader) = await host.TeamAsync("补录测试队");
        var volunteer = await host.VolunteerAsync("志愿者小孙");
        var activity = await host.ActivityAsync(teamId, "补录测试队", ("s1", TimeSpan.FromMinutes(5), s_hour));
        await host.RegisterAsync(activity, "s1", volunteer);
        var code = await host.CodeAsync(leader.Token, activity, "s1");
        await host.ScanAsync(volunteer.Token, code);
        host.Clock.Advance(TimeSpan.FromMinutes(5 + 25)); // 25 of 60 minutes: under half, nothing credited
        var (_, checkedOut) = await host.ScanAsync(volunteer.Token, code, "out");
        var recordId = checkedOut.GetProperty("record").GetProperty("id").GetString()!;
        await host.OkAsync(HttpMethod.Post, $"api/activities/{activity.Id}/hours/decisions", leader.Token, new { volunteerId = volunteer.Id, recordId, approved = false, reason = "签到时长不足本场一半" });

        var (bulu, offline) = await host.SendAsync(HttpMethod.Post, $"api/activities/{activity.Id}/hours/offline", leader.Token, new { volunteerId = volunteer.Id, sessionId = "s1", minutes = 60, reason = "活动前在仓库整理物资，未扫码" });
        var beforeCorrection = await host.LedgerAsync(volunteer.Id);
        var requested = await host.OkAsync(HttpMethod.Post, $"api/me/hours/{recordId}/corrections", volunteer.Token, new { minutes = 120, reason = "签退时手机没电，实际服务到活动结束" });
        var (twiceStatus, _) = await host.SendAsync(HttpMethod.Post, $"api/me/hours/{recordId}/corrections", volunteer.Token, new { minutes = 120, reason = "再申请一次" });
        var (othersStatus, _) = await host.SendAsync(HttpMethod.Post, $"api/me/hours/{recordId}/corrections", leader.Token, new { minutes = 120, reason = "替他申请" });
        var accepted = await host.OkAsync(HttpMethod.Post, $"api/activities/{activity.Id}/hours/corrections/decisions", leader.Token, new { volunteerId = volunteer.Id, recordId, accepted = true, minutes = 90 });
        var after = await host.LedgerAsync(volunteer.Id);
        var mine = await host.OkAsync(HttpMethod.Get, "api/me/hours", volunteer.Token);
        var certificate = await host.OkAsync(HttpMethod.Get, "api/me/hours/certificate", volunteer.Token);

        Assert.Equal(201, bulu);
        Assert.Equal((true, true, "approved"), (offline.GetProperty("offline").GetBoolean(), offline.GetProperty("flagged").GetBoolean(), offline.GetProperty("status").GetString()));
        Assert.Equal("活动前在仓库整理物资，未扫码", offline.GetProperty("offlineReason").GetString());
        Assert.True(requested.GetProperty("correctionOpen").GetBoolean());
        Assert.Equal("declined", requested.GetProperty("status").GetString());
        Assert.Equal(409, twiceStatus);
        Assert.Equal(404, othersStatus);
        Assert.Equal(("approved", 90, 0), (accepted.GetProperty("status").GetString(), accepted.GetProperty("minutes").GetInt32(), accepted.GetProperty("creditedMinutes").GetInt32()));
        Assert.Equal(2, after.Count - beforeCorrection.Count); // the request and its decision
        HoursWorld.Unchanged(beforeCorrection, after);
        Assert.Equal(150, mine.GetProperty("approvedMinutes").GetInt32());
        Assert.Equal(("志愿者小孙", 150, 2.5m), (certificate.GetProperty("volunteerName").GetString(), certificate.GetProperty("totalMinutes").GetInt32(), certificate.GetProperty("totalHours").GetDecimal()));
        Assert.Equal(2, certificate.GetProperty("lines").GetArrayLength());
        Assert.Equal(["补录测试队"], certificate.GetProperty("organisers").EnumerateArray().Select(o => o.GetString()));
    }

    [Fact]
    public async Task Export_holds_the_hours_and_deletion_keeps_the_service_under_a_pseudonym()
    {
        var (teamId, leader) = await host.TeamAsync("注销测试队");
        var volunteer = await host.VolunteerAsync("志愿者小钱");
        var activity = await host.ActivityAsync(teamId, "注销测试队", ("s1", TimeSpan.FromMinutes(5), s_hour));
        await host.RegisterAsync(activity, "s1", volunteer);
        await host.OkAsync(HttpMethod.Post, $"api/activities/{activity.Id}/hours/offline", leader.Token, new { volunteerId = volunteer.Id, sessionId = "s1", minutes = 90, reason = "线下服务补录" });
        var code = await host.CodeAsync(leader.Token, activity, "s1");
        await host.ScanAsync(volunteer.Token, code);

        var export = await host.OkAsync(HttpMethod.Get, "api/me/export", volunteer.Token);
        var (deleted, _) = await host.SendAsync(HttpMethod.Delete, "api/me", volunteer.Token);
        var organiserView = await host.OkAsync(HttpMethod.Get, $"api/activities/{activity.Id}/hours", leader.Token);

        var hours = export.GetProperty("records").GetProperty("hours").EnumerateArray().Single();
        Assert.Equal(90, hours.GetProperty("approvedMinutes").GetInt32());
        Assert.Equal(2, hours.GetProperty("records").GetArrayLength());
        Assert.Equal(204, deleted);
        Assert.Empty(await host.LedgerAsync(volunteer.Id));
        var kept = organiserView.GetProperty("records").EnumerateArray().ToList();
        Assert.Equal(2, kept.Count);
        Assert.All(kept, r => Assert.NotEqual(volunteer.Id, r.GetProperty("volunteerId").GetString()));
        Assert.All(kept, r => Assert.Equal("已注销", r.GetProperty("volunteerName").GetString()));
        Assert.Equal(90, organiserView.GetProperty("approvedMinutes").GetInt32());
    }

    [Fact]
    public async Task The_numbers_for_the_community_and_period_match_a_hand_count()
    {
        host.Clock.Advance(TimeSpan.FromDays(3)); // a period of its own: earlier tests' service started before it
        var from = host.Clock.GetUtcNow().AddMinutes(-1);
        var (teamId, leader) = await host.TeamAsync("统计测试队", OrdersFixture.OtherStreet);
        var (first, second, third) = (await host.VolunteerAsync("统计甲"), await host.VolunteerAsync("统计乙"), await host.VolunteerAsync("统计丙"));
        var activity = await host.ActivityElsewhereAsync(teamId, "统计测试队", ("s1", TimeSpan.FromMinutes(5), s_hour));
        await host.RegisterAsync(activity, "s1", first, third);
        var code = await host.CodeAsync(leader.Token, activity, "s1");
        await host.ScanAsync(first.Token, code);
        await host.ScanAsync(third.Token, code); // never checks out: active, nothing credited yet
        await host.OkAsync(HttpMethod.Post, $"api/activities/{activity.Id}/hours/offline", leader.Token, new { volunteerId = second.Id, sessionId = "s1", minutes = 90, reason = "线下服务补录" });
        host.Clock.Advance(TimeSpan.FromMinutes(5 + 60 + 1));
        var (_, checkedOut) = await host.ScanAsync(first.Token, code, "out");
        await host.OkAsync(HttpMethod.Post, $"api/activities/{activity.Id}/hours/decisions", leader.Token, new { volunteerId = first.Id, recordId = checkedOut.GetProperty("record").GetProperty("id").GetString(), approved = true });
        var to = host.Clock.GetUtcNow().AddDays(1);

        var stats = await host.OkAsync(HttpMethod.Get, $"api/staff/hours/stats?orgId={OrdersFixture.OtherCommunity}&from={Uri.EscapeDataString(from.ToString("O", System.Globalization.CultureInfo.InvariantCulture))}&to={Uri.EscapeDataString(to.ToString("O", System.Globalization.CultureInfo.InvariantCulture))}", await host.StaffOfAsync(OrdersFixture.OtherStreet));
        var (residentStatus, _) = await host.SendAsync(HttpMethod.Get, $"api/staff/hours/stats?orgId={OrdersFixture.OtherCommunity}", first.Token);

        // By hand: 甲 60 minutes (the whole session, approved), 乙 90 (补录), 丙 checked in only; one team.
        Assert.Equal((3, 3, 2), (stats.GetProperty("volunteersActive").GetInt32(), stats.GetProperty("records").GetInt32(), stats.GetProperty("approvedRecords").GetInt32()));
        Assert.Equal((150, 2.5m, 0, 1), (stats.GetProperty("approvedMinutes").GetInt32(), stats.GetProperty("approvedHours").GetDecimal(), stats.GetProperty("pendingMinutes").GetInt32(), stats.GetProperty("offline").GetInt32()));
        Assert.Equal([(second.Id, 90), (first.Id, 60)], stats.GetProperty("perVolunteer").EnumerateArray().Select(v => (v.GetProperty("volunteerId").GetString()!, v.GetProperty("approvedMinutes").GetInt32())));
        var team = stats.GetProperty("perTeam").EnumerateArray().Single();
        Assert.Equal((teamId, 3, 150), (team.GetProperty("teamId").GetString(), team.GetProperty("volunteers").GetInt32(), team.GetProperty("approvedMinutes").GetInt32()));
        Assert.Equal(403, residentStatus);
    }
}
