using GongTongDizao.Core.Features.Hours;

namespace GongTongDizao.Core.Tests.Hours;

/// <summary>The hours numbers against a hand count of six records of three volunteers in two teams and one staff activity.</summary>
public sealed class HoursStatisticsTests
{
    private static readonly DateTimeOffset s_start = new(2026, 12, 6, 1, 0, 0, TimeSpan.Zero);

    private static HoursRecord Record(string id, string volunteer, string? team, string organiser, HoursRecordStatus status, int minutes, bool offline = false, bool autoClosed = false) =>
        new(id, volunteer, volunteer + "姓名", new HoursService("a1", "集市", "s1", s_start, s_start.AddHours(3), "n1", ["n0", "n1"], team, organiser),
            offline, offline ? "补录" : null, offline ? null : s_start, offline ? null : s_start.AddHours(3), autoClosed, offline ? null : true, minutes, minutes, status, null, null, null, [], s_start);

    [Fact]
    public void Six_records_counted_by_hand()
    {
        IReadOnlyList<HoursRecord> records =
        [
            Record("r1", "v1", "t1", "一队", HoursRecordStatus.Approved, 120),
            Record("r2", "v1", "t2", "二队", HoursRecordStatus.Approved, 60, offline: true),
            Record("r3", "v2", "t1", "一队", HoursRecordStatus.Pending, 90, autoClosed: true),
            Record("r4", "v2", "t1", "一队", HoursRecordStatus.Declined, 30),
            Record("r5", "v3", null, "昙华林社区", HoursRecordStatus.Approved, 150),
            Record("r6", "v3", "t1", "一队", HoursRecordStatus.InProgress, 0),
        ];

        var stats = HoursStatistics.Compute("n1", s_start, s_start.AddDays(30), records);

        // By hand: v1, v2, v3 served; approved r1 + r2 + r5 = 120 + 60 + 150 = 330 min = 5.5 h; pending r3 = 90.
        Assert.Equal(3, stats.VolunteersActive);
        Assert.Equal(6, stats.Records);
        Assert.Equal(3, stats.ApprovedRecords);
        Assert.Equal(330, stats.ApprovedMinutes);
        Assert.Equal(5.5m, stats.ApprovedHours);
        Assert.Equal(90, stats.PendingMinutes);
        Assert.Equal(1, stats.AutoClosed);
        Assert.Equal(1, stats.Offline);

        // Per volunteer (approved): v1 180 (r1 + r2), v3 150; v2 has nothing approved.
        Assert.Equal([("v1", 180), ("v3", 150)], stats.PerVolunteer.Select(v => (v.VolunteerId, v.ApprovedMinutes)));
        Assert.Equal("v1姓名", stats.PerVolunteer[0].Name);

        // Per organiser: 一队 r1 approved 120 (volunteers v1, v2, v3); 昙华林社区 r5 150 (v3); 二队 r2 60 (v1).
        Assert.Equal(
            [("昙华林社区", (string?)null, 1, 150), ("一队", "t1", 3, 120), ("二队", "t2", 1, 60)],
            stats.PerTeam.Select(t => (t.Organiser, t.TeamId, t.Volunteers, t.ApprovedMinutes)));
    }

    [Fact]
    public void Nothing_in_the_period_is_all_zeros()
    {
        var stats = HoursStatistics.Compute("n1", s_start, s_start.AddDays(1), []);
        Assert.Equal((0, 0, 0m), (stats.VolunteersActive, stats.ApprovedMinutes, stats.ApprovedHours));
        Assert.Empty(stats.PerTeam);
    }

    [Fact]
    public void The_certificate_states_only_approved_service_with_its_organisers_and_total()
    {
        var certificate = GetHoursCertificate.Certify("张三", s_start, [
            Record("r1", "v1", "t1", "一队", HoursRecordStatus.Approved, 120),
            Record("r2", "v1", "t2", "二队", HoursRecordStatus.Approved, 60, offline: true),
            Record("r3", "v1", "t1", "一队", HoursRecordStatus.Pending, 90),
            Record("r4", "v1", "t1", "一队", HoursRecordStatus.Declined, 30),
        ]);
        Assert.Equal(("张三", 180, 3m), (certificate.VolunteerName, certificate.TotalMinutes, certificate.TotalHours));
        Assert.Equal(["r1", "r2"], certificate.Lines.Select(l => l.RecordId).Order());
        Assert.Equal(["一队", "二队"], certificate.Organisers.Order());
        Assert.True(certificate.Lines.Single(l => l.RecordId == "r2").Offline);
    }

    [Fact]
    public void Deletion_keeps_the_service_and_forgets_the_person()
    {
        var request = new HoursEntry
        {
            Id = "att-c~corr~1", VolunteerId = "v1", RecordId = "att-c", Kind = HoursEntryKind.CorrectionRequest, At = s_start,
            Service = new HoursService("a1", "集市", "s1", s_start, s_start.AddHours(3), "n1", ["n1"], "t1", "一队"),
            VolunteerName = "张三", Minutes = 120, Reason = "我是张三，忘记签退", ByUserId = "v1", ByName = "张三",
        };
        var forgotten = HoursPersonalData.Forget(request, "v1", "deleted-1");
        Assert.Equal(("deleted-1", "deleted-1", "已注销", "已注销", "已注销"), (forgotten.VolunteerId, forgotten.ByUserId, forgotten.ByName, forgotten.VolunteerName, forgotten.Reason));
        Assert.Equal((120, "att-c~corr~1", "一队"), (forgotten.Minutes, forgotten.Id, forgotten.Service.OrganiserName));
    }
}
