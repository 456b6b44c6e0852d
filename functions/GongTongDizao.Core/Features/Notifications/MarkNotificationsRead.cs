namespace GongTongDizao.Core.Features.Notifications;

public sealed record MarkNotificationsReadRequest(IReadOnlyList<string>? Ids, bool? All);

public sealed record MarkNotificationsReadResult(int Marked, int UnreadCount);

public sealed class MarkNotificationsReadValidator : AbstractValidator<MarkNotificationsReadRequest>
{
    public MarkNotificationsReadValidator()
    {
        RuleFor(r => r).Must(r => (r.All == true) != (r.Ids is { Count: > 0 })).OverridePropertyName("ids").WithMessage("请提供 ids 或 all: true 其中之一");
        RuleFor(r => r.Ids).Must(ids => ids is null || ids.Count <= 100).WithMessage("一次最多标记 100 条");
        RuleForEach(r => r.Ids).NotEmpty().MaximumLength(100);
    }
}

/// <summary>Marks some or all of the caller's notifications read; ids that are not the caller's are ignored.</summary>
public sealed class MarkNotificationsRead(InboxStore inbox, TimeProvider time)
{
    public async Task<Result<MarkNotificationsReadResult>> HandleAsync(Caller caller, MarkNotificationsReadRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var ids = request.All == true ? await inbox.UnreadIdsAsync(caller.Id, cancellationToken) : request.Ids!.Distinct(StringComparer.Ordinal).ToList();
        var marked = 0;
        foreach (var id in ids)
        {
            marked += await inbox.MarkReadAsync(caller.Id, id, time.GetUtcNow(), cancellationToken) ? 1 : 0;
        }

        return new MarkNotificationsReadResult(marked, await inbox.UnreadCountAsync(caller.Id, cancellationToken));
    }
}
