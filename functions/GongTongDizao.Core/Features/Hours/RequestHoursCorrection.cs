using GongTongDizao.Core.ContentSafety;
using GongTongDizao.WeChat;

namespace GongTongDizao.Core.Features.Hours;

public sealed record HoursCorrectionRequest(int? Minutes, string? Reason);

public sealed class HoursCorrectionRequestValidator : AbstractValidator<HoursCorrectionRequest>
{
    public HoursCorrectionRequestValidator()
    {
        RuleFor(r => r.Minutes).NotNull().WithMessage("请填写应记的服务时长").InclusiveBetween(0, 24 * 60).WithMessage("服务时长须在 0 到 1440 分钟之间");
        RuleFor(r => r.Reason).NotEmpty().WithMessage("请说明更正理由").Text(1, 200, multiline: true);
    }
}

/// <summary>
/// The volunteer asks to correct a record (《志愿服务记录与证明出具办法》: records are corrected on the volunteer's
/// request): a new ledger entry, never an edit; the organiser answers with another. One open request per record; the
/// request's id is the record's n-th, so two concurrent requests cannot both be written.
/// </summary>
public sealed class RequestHoursCorrection(HoursLedger ledger, ContentGuard guard, TimeProvider time)
{
    public async Task<Result<HoursRecord>> HandleAsync(Caller caller, string recordId, HoursCorrectionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var entries = await ledger.OfRecordAsync(caller.Id, recordId, cancellationToken);
        if (HoursRecords.FoldOne(entries) is not { } record)
        {
            return Error.NotFound();
        }

        if (record.Status == HoursRecordStatus.InProgress)
        {
            return Error.InvalidState("签退后才能申请更正");
        }

        if (record.CorrectionOpen)
        {
            return Error.InvalidState("已有一条更正申请待组织方处理");
        }

        var reason = request.Reason!.Trim();
        if (await guard.CheckAsync(caller.User.OpenId, ContentCheckScene.Comment, null, reason, cancellationToken) == ContentVerdict.Reject)
        {
            return Error.From(ErrorCodes.ContentRejected);
        }

        var now = time.GetUtcNow();
        var entry = new HoursEntry
        {
            Id = $"{record.Id}~corr~{record.Corrections.Count + 1}",
            VolunteerId = caller.Id,
            RecordId = record.Id,
            Kind = HoursEntryKind.CorrectionRequest,
            At = now,
            Service = record.Service,
            Minutes = request.Minutes,
            Reason = reason,
            ByUserId = caller.Id,
            ByName = record.VolunteerName,
        };
        if (!await ledger.TryAppendAsync(entry, cancellationToken))
        {
            return Error.From(ErrorCodes.ConcurrentChange);
        }

        return HoursRecords.FoldOne([.. entries, entry])!;
    }
}
