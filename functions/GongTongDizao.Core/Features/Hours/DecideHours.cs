namespace GongTongDizao.Core.Features.Hours;

public sealed record HoursDecisionRequest(string? VolunteerId, string? RecordId, bool? Approved, string? Reason);

public sealed class HoursDecisionRequestValidator : AbstractValidator<HoursDecisionRequest>
{
    public HoursDecisionRequestValidator()
    {
        RuleFor(r => r.VolunteerId).NotEmpty().WithMessage("请选择志愿者").MaximumLength(64);
        RuleFor(r => r.RecordId).NotEmpty().WithMessage("请选择时长记录").MaximumLength(64);
        RuleFor(r => r.Approved).NotNull().WithMessage("请选择确认或不予确认");
        RuleFor(r => r.Reason).NotEmpty().When(r => r.Approved == false).WithMessage("不予确认时请说明理由").Text(0, 200, multiline: true);
    }
}

/// <summary>
/// The organiser confirms (or declines) the hours an attendance credited: a new ledger entry naming who decided, once per
/// record (its id is the record's decision, so a second decision, or a race of two, is refused, never an overwrite).
/// </summary>
public sealed class DecideHours(OrganiserRecords records, HoursLedger ledger, TimeProvider time)
{
    public async Task<Result<HoursRecord>> HandleAsync(Caller caller, string activityId, HoursDecisionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var found = await records.FindAsync(caller, activityId, request.VolunteerId!, request.RecordId!, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var (entries, record) = found.Value;

        if (record.Status != HoursRecordStatus.Pending)
        {
            return Error.InvalidState(record.Status == HoursRecordStatus.InProgress ? "志愿者尚未签退" : "该记录已处理");
        }

        var decision = new HoursEntry
        {
            Id = record.Id + "~decided",
            VolunteerId = record.VolunteerId,
            RecordId = record.Id,
            Kind = HoursEntryKind.Decision,
            At = time.GetUtcNow(),
            Service = record.Service,
            Approved = request.Approved,
            Reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim(),
            ByUserId = caller.Id,
            ByName = HoursRecords.OrganiserName(caller),
        };
        return await ledger.TryAppendAsync(decision, cancellationToken)
            ? HoursRecords.FoldOne([.. entries, decision])!
            : Error.InvalidState("该记录已处理");
    }
}
