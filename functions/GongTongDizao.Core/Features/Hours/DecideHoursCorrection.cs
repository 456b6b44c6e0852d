namespace GongTongDizao.Core.Features.Hours;

public sealed record HoursCorrectionDecisionRequest(string? VolunteerId, string? RecordId, bool? Accepted, int? Minutes, string? Reason);

public sealed class HoursCorrectionDecisionRequestValidator : AbstractValidator<HoursCorrectionDecisionRequest>
{
    public HoursCorrectionDecisionRequestValidator()
    {
        RuleFor(r => r.VolunteerId).NotEmpty().WithMessage("请选择志愿者").MaximumLength(64);
        RuleFor(r => r.RecordId).NotEmpty().WithMessage("请选择时长记录").MaximumLength(64);
        RuleFor(r => r.Accepted).NotNull().WithMessage("请选择同意或不同意更正");
        RuleFor(r => r.Minutes).InclusiveBetween(0, 24 * 60).WithMessage("服务时长须在 0 到 1440 分钟之间");
        RuleFor(r => r.Reason).NotEmpty().When(r => r.Accepted == false).WithMessage("不同意更正时请说明理由").Text(0, 200, multiline: true);
    }
}

/// <summary>
/// The organiser answers the open correction of a record: accepted (with the minutes asked, or the minutes the
/// organiser grants) approves the record at those minutes; refused leaves it as it was. A new entry, once per request.
/// </summary>
public sealed class DecideHoursCorrection(OrganiserRecords records, HoursLedger ledger, TimeProvider time)
{
    public async Task<Result<HoursRecord>> HandleAsync(Caller caller, string activityId, HoursCorrectionDecisionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var found = await records.FindAsync(caller, activityId, request.VolunteerId!, request.RecordId!, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var (entries, record) = found.Value;

        if (record.Corrections.FirstOrDefault(c => c.Accepted is null) is not { } open)
        {
            return Error.InvalidState("没有待处理的更正申请");
        }

        var accepted = request.Accepted == true;
        var decision = new HoursEntry
        {
            Id = open.Id + "~decided",
            VolunteerId = record.VolunteerId,
            RecordId = record.Id,
            Kind = HoursEntryKind.CorrectionDecision,
            At = time.GetUtcNow(),
            Service = record.Service,
            CorrectionId = open.Id,
            Approved = accepted,
            Minutes = accepted ? request.Minutes ?? open.RequestedMinutes : null,
            Reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim(),
            ByUserId = caller.Id,
            ByName = HoursRecords.OrganiserName(caller),
        };
        return await ledger.TryAppendAsync(decision, cancellationToken)
            ? HoursRecords.FoldOne([.. entries, decision])!
            : Error.InvalidState("该更正申请已处理");
    }
}
