using GongTongDizao.Core.Features.Volunteers;

namespace GongTongDizao.Core.Features.Hours;

public sealed record OfflineHoursRequest(string? VolunteerId, string? SessionId, int? Minutes, string? Reason);

public sealed class OfflineHoursRequestValidator : AbstractValidator<OfflineHoursRequest>
{
    public OfflineHoursRequestValidator()
    {
        RuleFor(r => r.VolunteerId).NotEmpty().WithMessage("请选择志愿者").MaximumLength(64);
        RuleFor(r => r.SessionId).NotEmpty().WithMessage("请选择场次").MaximumLength(16);
        RuleFor(r => r.Minutes).NotNull().WithMessage("请填写服务时长").InclusiveBetween(1, 24 * 60).WithMessage("服务时长须在 1 到 1440 分钟之间");
        RuleFor(r => r.Reason).NotEmpty().WithMessage("补录须说明理由").Text(1, 200, multiline: true);
    }
}

/// <summary>
/// 补录: the organiser records service given offline (no scan) for a volunteer of one of their sessions, with a reason.
/// The organiser's own entry is its confirmation; the record is flagged as 补录 wherever it is shown, and the volunteer
/// may ask to correct it like any other. The volunteer must have a volunteer profile (the certificate's real name).
/// </summary>
public sealed class AddOfflineHours(HoursActivities activities, HoursLedger ledger, VolunteerStore volunteers, TimeProvider time)
{
    public async Task<Result<Created>> HandleAsync(Caller caller, string activityId, OfflineHoursRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var managed = await activities.ManagedAsync(caller, activityId, cancellationToken);
        if (!managed.IsSuccess)
        {
            return managed.Error;
        }

        if (managed.Value.Session(request.SessionId!) is not { } session)
        {
            return Error.Validation("sessionId", "场次不存在");
        }

        if (await volunteers.FindAsync(request.VolunteerId!, cancellationToken) is not { } profile)
        {
            return Error.From(ErrorCodes.VolunteerProfileRequired, "该志愿者尚未登记志愿者信息");
        }

        var id = HoursLedger.NewOfflineRecordId();
        var entry = new HoursEntry
        {
            Id = id,
            VolunteerId = profile.Id,
            RecordId = id,
            Kind = HoursEntryKind.Offline,
            At = time.GetUtcNow(),
            Service = HoursActivities.ServiceOf(managed.Value, session),
            VolunteerName = profile.RealName,
            Minutes = request.Minutes,
            Reason = request.Reason!.Trim(),
            ByUserId = caller.Id,
            ByName = HoursRecords.OrganiserName(caller),
        };
        await ledger.TryAppendAsync(entry, cancellationToken);
        return new Created(HoursRecords.FoldOne([entry])!);
    }
}
