using GongTongDizao.Core.Features.Activities;
using GongTongDizao.Core.Features.Volunteers;
using Microsoft.Extensions.Options;

namespace GongTongDizao.Core.Features.Hours;

public sealed record CheckInRequest(string? Code, string? Action);

public sealed class CheckInRequestValidator : AbstractValidator<CheckInRequest>
{
    public CheckInRequestValidator()
    {
        RuleFor(r => r.Code).NotEmpty().WithMessage("请扫描活动签到码").MaximumLength(CheckInTokens.SceneLength).WithMessage("签到码无效");
        RuleFor(r => r.Action).NotEmpty().Must(a => a is "in" or "out").WithMessage("请选择签到或签退");
    }
}

/// <summary>What a scan did: the session, and the volunteer's record (null for a participant, who earns no hours).</summary>
public sealed record CheckInOutcome(string ActivityId, string ActivityTitle, string SessionId, DateTimeOffset SessionStart, DateTimeOffset SessionEnd, string Action, DateTimeOffset At, HoursRecord? Record);

/// <summary>
/// A volunteer scans the session's code to check in, and again to check out; the check-out (or the session's end, for
/// a forgotten one) credits the hours by <see cref="HoursRules"/>, pending the organiser's decision. Only a registered
/// sign-up of that session checks in; a volunteer must still be allowed to serve (a minor needs the guardian's consent
/// recorded). Each step is a new ledger entry whose id is the rule (one check-in, one check-out per session), so a
/// repeated scan answers what is already recorded. Participants check in for attendance only.
/// </summary>
public sealed class CheckIn(CheckInScan scan, HoursLedger ledger, VolunteerStore volunteers, IOptions<HoursOptions> options, TimeProvider time)
{
    public async Task<Result<CheckInOutcome>> HandleAsync(Caller caller, CheckInRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var now = time.GetUtcNow();
        var scanned = await scan.ReadAsync(caller, request.Code!.Trim(), now, cancellationToken);
        if (!scanned.IsSuccess)
        {
            return scanned.Error;
        }

        var (codeId, activity, session, signUps) = scanned.Value;
        var service = HoursActivities.ServiceOf(activity, session);
        var checkOut = request.Action == "out";
        if (signUps.FirstOrDefault(s => s.Role == SignUpRole.Volunteer) is not { } volunteer)
        {
            if (!checkOut)
            {
                foreach (var signUp in signUps)
                {
                    await ledger.TryAppendAsync(ParticipantCheckIn(caller.Id, codeId, signUp, service, now), cancellationToken);
                }
            }

            return new CheckInOutcome(activity.Id, activity.Title, session.Id, session.StartsAt, session.EndsAt, request.Action!, now, null);
        }

        var profile = await volunteers.FindAsync(caller.Id, cancellationToken);
        switch (VolunteerAge.Check(profile, now))
        {
            case VolunteerEligibility.NoProfile:
                return Error.From(ErrorCodes.VolunteerProfileRequired);
            case VolunteerEligibility.TooYoung:
                return Error.From(ErrorCodes.VolunteerTooYoung);
            case VolunteerEligibility.NeedsGuardianConsent:
                return Error.From(ErrorCodes.GuardianConsentRequired);
        }

        var recordId = HoursLedger.AttendanceRecordId(codeId);
        var checkIn = await ledger.FindAsync(caller.Id, HoursLedger.CheckInEntryId(codeId), cancellationToken);
        if (!checkOut && checkIn is null)
        {
            checkIn = new HoursEntry
            {
                Id = HoursLedger.CheckInEntryId(codeId),
                VolunteerId = caller.Id,
                RecordId = recordId,
                Kind = HoursEntryKind.CheckIn,
                At = now,
                Service = service,
                VolunteerName = profile!.RealName,
                SignUpId = volunteer.Id,
                CheckedInAt = now,
                ByUserId = caller.Id,
            };
            await ledger.TryAppendAsync(checkIn, cancellationToken);
        }
        else if (checkOut)
        {
            if (checkIn is null)
            {
                return Error.InvalidState("请先签到");
            }

            await ledger.TryAppendAsync(Attendance(checkIn, now, now, autoClosed: false, options.Value), cancellationToken);
        }

        var record = HoursRecords.FoldOne(await ledger.OfRecordAsync(caller.Id, recordId, cancellationToken));
        return new CheckInOutcome(activity.Id, activity.Title, session.Id, session.StartsAt, session.EndsAt, request.Action!, now, record);
    }

    /// <summary>The attendance a check-out (or the session's end) writes: the record, with the hours the rules credit.</summary>
    public static HoursEntry Attendance(HoursEntry checkIn, DateTimeOffset checkedOut, DateTimeOffset at, bool autoClosed, HoursOptions options)
    {
        ArgumentNullException.ThrowIfNull(checkIn);
        var credit = HoursRules.Credit(checkIn.Service.Start, checkIn.Service.End, checkIn.CheckedInAt ?? checkIn.At, checkedOut, options);
        return checkIn with
        {
            Id = checkIn.RecordId,
            Kind = HoursEntryKind.Attendance,
            At = at,
            CheckedOutAt = checkedOut,
            AutoClosed = autoClosed,
            Minutes = credit.CreditedMinutes,
            CoversSession = credit.CoversSession,
            ByUserId = autoClosed ? null : checkIn.VolunteerId,
            ETag = null,
        };
    }

    private static HoursEntry ParticipantCheckIn(string userId, string codeId, SignUp signUp, HoursService service, DateTimeOffset now) => new()
    {
        Id = $"pin~{codeId}~{signUp.Id}",
        VolunteerId = userId,
        RecordId = $"pin~{codeId}",
        Kind = HoursEntryKind.CheckIn,
        At = now,
        Service = service,
        SignUpId = signUp.Id,
        Participant = true,
        CheckedInAt = now,
        ByUserId = userId,
    };
}
