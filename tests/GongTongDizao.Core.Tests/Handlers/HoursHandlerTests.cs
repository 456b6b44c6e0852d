using GongTongDizao.Core.Auth;
using GongTongDizao.Core.Common;
using GongTongDizao.Core.Features.Hours;
using GongTongDizao.Core.Timers;

namespace GongTongDizao.Core.Tests.Handlers;

/// <summary>The hours use cases through the real Core container and the emulators: the ledger only grows.</summary>
[Collection(HandlersCollection.Name)]
public sealed class HoursHandlerTests(HandlerFixture fixture) : HandlerTest(fixture)
{
    private HoursService Service(string activityId) => new(
        activityId, "志愿公益集市", "s1", HandlerScope.Start, HandlerScope.Start.AddHours(2), Tree.Community,
        [Tree.Province, Tree.City, Tree.District, Tree.Street, Tree.Community], "t1", "测试服务队");

    private async Task<HoursEntry> CheckedInAsync(Caller volunteer, string code, DateTimeOffset at)
    {
        var checkIn = new HoursEntry
        {
            Id = HoursLedger.CheckInEntryId(code),
            VolunteerId = volunteer.Id,
            RecordId = HoursLedger.AttendanceRecordId(code),
            Kind = HoursEntryKind.CheckIn,
            At = at,
            Service = Service("a" + code.PadLeft(24, '0')),
            VolunteerName = "张三",
            SignUpId = "s1-" + code,
            CheckedInAt = at,
        };
        Assert.True(await Scope.Get<HoursLedger>().TryAppendAsync(checkIn, CancellationToken.None));
        return checkIn;
    }

    [Fact]
    public async Task A_correction_is_a_new_entry_only_its_volunteer_can_ask_once_at_a_time()
    {
        var volunteer = await Scope.NewPersonAsync(Tree.Community, "张三");
        var stranger = await Scope.NewPersonAsync(Tree.Community, "李四");
        var code = Guid.NewGuid().ToString("N")[..16];
        var checkIn = await CheckedInAsync(volunteer, code, HandlerScope.Start);
        var ledger = Scope.Get<HoursLedger>();
        await ledger.TryAppendAsync(CheckIn.Attendance(checkIn, HandlerScope.Start.AddMinutes(50), HandlerScope.Start.AddMinutes(50), autoClosed: false, new HoursOptions()), CancellationToken.None);
        var handler = Scope.Get<RequestHoursCorrection>();
        var recordId = HoursLedger.AttendanceRecordId(code);

        var asked = await handler.HandleAsync(volunteer, recordId, new HoursCorrectionRequest(120, "忘记签退"), CancellationToken.None);
        var again = await handler.HandleAsync(volunteer, recordId, new HoursCorrectionRequest(90, "再申请"), CancellationToken.None);
        var others = await handler.HandleAsync(stranger, recordId, new HoursCorrectionRequest(120, "替他申请"), CancellationToken.None);
        var mine = await Scope.Get<ListMyHours>().HandleAsync(volunteer, CancellationToken.None);

        Assert.True(asked.IsSuccess, asked.Error?.ToString());
        Assert.True(asked.Value.CorrectionOpen);
        Assert.Equal((0, HoursRecordStatus.Pending), (asked.Value.Minutes, asked.Value.Status)); // 50 of 120 minutes: under half
        Assert.Equal(ErrorCodes.InvalidState, again.Error?.Code);
        Assert.Equal(ErrorCodes.NotFound, others.Error?.Code);
        var record = Assert.Single(mine.Value!.Records);
        Assert.Equal((120, "忘记签退"), (record.Corrections.Single().RequestedMinutes, record.Corrections.Single().Reason));
        var entries = await ledger.OfRecordAsync(volunteer.Id, recordId, CancellationToken.None);
        Assert.Equal([HoursEntryKind.CheckIn, HoursEntryKind.Attendance, HoursEntryKind.CorrectionRequest], entries.Select(e => e.Kind).Order());
    }

    [Fact]
    public async Task The_session_end_closes_a_forgotten_check_out_once_and_only_when_due()
    {
        var volunteer = await Scope.NewPersonAsync(Tree.Community, "王五");
        var code = Guid.NewGuid().ToString("N")[..16];
        var checkIn = await CheckedInAsync(volunteer, code, HandlerScope.Start.AddMinutes(20));
        var closer = Scope.Get<IEnumerable<ITimerHandler>>().OfType<CheckOutCloser>().Single();
        var due = checkIn.Service.End.AddMinutes(30);
        var message = new TimerMessage(CheckOutCloser.Kind, checkIn.Service.ActivityId, "s1", due);
        var ledger = Scope.Get<HoursLedger>();

        await closer.HandleAsync(message, CancellationToken.None); // the clock is at the session's start: not due
        var early = await ledger.FindAsync(volunteer.Id, checkIn.RecordId, CancellationToken.None);
        Scope.Time.SetUtcNow(due);
        await closer.HandleAsync(message, CancellationToken.None);
        await closer.HandleAsync(message, CancellationToken.None);
        var attendance = await ledger.FindAsync(volunteer.Id, checkIn.RecordId, CancellationToken.None);

        Assert.Null(early);
        Assert.NotNull(attendance);
        Assert.True(attendance.AutoClosed);
        Assert.Equal(checkIn.Service.End, attendance.CheckedOutAt);
        Assert.Equal(90, attendance.Minutes); // 100 of 120 minutes served, in half hours rounded down
        Assert.Equal(2, (await ledger.OfRecordAsync(volunteer.Id, checkIn.RecordId, CancellationToken.None)).Count);
    }
}
