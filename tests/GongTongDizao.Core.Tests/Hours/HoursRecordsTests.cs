using GongTongDizao.Core.Features.Hours;

namespace GongTongDizao.Core.Tests.Hours;

/// <summary>Records folded from the append-only ledger: decisions, 补录 and corrections are entries, the record their sum.</summary>
public sealed class HoursRecordsTests
{
    private static readonly DateTimeOffset s_start = new(2026, 12, 6, 1, 0, 0, TimeSpan.Zero);
    private static readonly HoursService s_service = new("n1~a", "志愿公益集市", "s1", s_start, s_start.AddHours(2), "n1", ["root", "n1"], "t1", "青年志愿服务队");

    private static HoursEntry Entry(string id, HoursEntryKind kind, int minutesAfterStart, string record = "att-c1") => new()
    {
        Id = id,
        VolunteerId = "v1",
        RecordId = record,
        Kind = kind,
        At = s_start.AddMinutes(minutesAfterStart),
        Service = s_service,
        VolunteerName = "张三",
    };

    private static readonly HoursEntry s_checkIn = Entry("in~c1", HoursEntryKind.CheckIn, 0) with { CheckedInAt = s_start };
    private static readonly HoursEntry s_attendance = Entry("att-c1", HoursEntryKind.Attendance, 120) with { CheckedInAt = s_start, CheckedOutAt = s_start.AddHours(2), Minutes = 120, CoversSession = true };

    [Fact]
    public void A_check_in_alone_is_in_progress()
    {
        var record = HoursRecords.FoldOne([s_checkIn])!;
        Assert.Equal(HoursRecordStatus.InProgress, record.Status);
        Assert.Equal(s_start, record.CheckedInAt);
        Assert.Null(record.CheckedOutAt);
    }

    [Fact]
    public void An_attendance_waits_for_the_organiser_then_is_approved_by_name()
    {
        var pending = HoursRecords.FoldOne([s_checkIn, s_attendance])!;
        Assert.Equal(HoursRecordStatus.Pending, pending.Status);
        Assert.Equal(120, pending.Minutes);
        Assert.Null(pending.ConfirmedBy);

        var approved = HoursRecords.FoldOne([s_checkIn, s_attendance, Entry("att-c1~decided", HoursEntryKind.Decision, 200) with { Approved = true, ByName = "李书记" }])!;
        Assert.Equal(HoursRecordStatus.Approved, approved.Status);
        Assert.Equal("李书记", approved.ConfirmedBy);
        Assert.Equal(s_start.AddMinutes(200), approved.ConfirmedAt);
        Assert.Equal(120, HoursRecords.ApprovedMinutes([approved, pending]));
    }

    [Fact]
    public void A_declined_record_counts_nothing()
    {
        var declined = HoursRecords.FoldOne([s_attendance, Entry("att-c1~decided", HoursEntryKind.Decision, 200) with { Approved = false, Reason = "未到岗" }])!;
        Assert.Equal(HoursRecordStatus.Declined, declined.Status);
        Assert.Equal("未到岗", declined.DecisionReason);
        Assert.Equal(0, HoursRecords.ApprovedMinutes([declined]));
    }

    [Fact]
    public void An_auto_closed_attendance_and_a_bulu_are_flagged()
    {
        Assert.True(HoursRecords.FoldOne([s_attendance with { AutoClosed = true }])!.Flagged);
        Assert.False(HoursRecords.FoldOne([s_attendance])!.Flagged);
        var offline = HoursRecords.FoldOne([Entry("off-1", HoursEntryKind.Offline, 300, "off-1") with { Minutes = 90, Reason = "线下服务补录", ByName = "李书记" }])!;
        Assert.True(offline.Flagged);
        Assert.True(offline.Offline);
        Assert.Equal("线下服务补录", offline.OfflineReason);
        Assert.Equal(HoursRecordStatus.Approved, offline.Status);
        Assert.Equal("李书记", offline.ConfirmedBy);
    }

    [Fact]
    public void A_correction_and_its_decision_are_entries_and_an_accepted_one_sets_the_minutes()
    {
        var declined = Entry("att-c1~decided", HoursEntryKind.Decision, 200) with { Approved = false, ByName = "李书记" };
        var request = Entry("att-c1~corr~1", HoursEntryKind.CorrectionRequest, 300) with { Minutes = 90, Reason = "我签退时忘了扫码" };
        var open = HoursRecords.FoldOne([s_attendance, declined, request])!;
        Assert.True(open.CorrectionOpen);
        Assert.Equal(HoursRecordStatus.Declined, open.Status);

        var accepted = HoursRecords.FoldOne([s_attendance, declined, request, Entry("att-c1~corr~1~decided", HoursEntryKind.CorrectionDecision, 400) with { CorrectionId = "att-c1~corr~1", Approved = true, Minutes = 90, ByName = "王队长" }])!;
        Assert.False(accepted.CorrectionOpen);
        Assert.Equal(HoursRecordStatus.Approved, accepted.Status);
        Assert.Equal(90, accepted.Minutes);
        Assert.Equal(120, accepted.CreditedMinutes);
        Assert.Equal("王队长", accepted.ConfirmedBy);
        Assert.Equal(90, accepted.Corrections.Single().GrantedMinutes);

        var refused = HoursRecords.FoldOne([s_attendance, declined, request, Entry("att-c1~corr~1~decided", HoursEntryKind.CorrectionDecision, 400) with { CorrectionId = "att-c1~corr~1", Approved = false, Reason = "无签到记录" }])!;
        Assert.Equal(HoursRecordStatus.Declined, refused.Status);
        Assert.False(refused.Corrections.Single().Accepted);
    }

    [Fact]
    public void Records_fold_per_record_newest_service_first()
    {
        var later = s_service with { Start = s_start.AddDays(1), End = s_start.AddDays(1).AddHours(2) };
        var records = HoursRecords.Fold([s_checkIn, s_attendance, Entry("att-c2", HoursEntryKind.Attendance, 2000, "att-c2") with { Service = later, Minutes = 60 }]);
        Assert.Equal(["att-c2", "att-c1"], records.Select(r => r.Id));
    }
}
