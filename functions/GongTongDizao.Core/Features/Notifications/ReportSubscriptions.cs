namespace GongTongDizao.Core.Features.Notifications;

/// <summary>What <c>wx.requestSubscribeMessage</c> returned, per template key: accept, reject, ban or filter.</summary>
public sealed record ReportSubscriptionsRequest(IReadOnlyDictionary<string, string> Results);

public sealed class ReportSubscriptionsValidator : AbstractValidator<ReportSubscriptionsRequest>
{
    public ReportSubscriptionsValidator()
    {
        RuleFor(r => r.Results).NotEmpty().Must(r => r is null || r.Count <= 20).WithMessage("一次最多报告 20 个模板");
        RuleForEach(r => r.Results).ChildRules(entry =>
        {
            entry.RuleFor(e => e.Key).Must(TemplateCatalogue.IsKnown).WithMessage("未知的订阅消息模板");
            entry.RuleFor(e => e.Value).Must(v => SubscriptionDecisions.All.Contains(v)).WithMessage("取值须为 accept、reject、ban 或 filter");
        });
    }
}

/// <summary>
/// The mini-program reports each answer of the subscribe popup: an accept is one more send (or turns a long-term
/// subscription on), ban empties the quota. WeChat's popup push reports the same answers; see <see cref="SubscriptionQuotas"/>.
/// </summary>
public sealed class ReportSubscriptions(SubscriptionQuotas quotas, ListSubscriptions list)
{
    public async Task<Result<SubscriptionList>> HandleAsync(Caller caller, ReportSubscriptionsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        foreach (var (key, decision) in request.Results)
        {
            await quotas.RecordAsync(caller.Id, key, decision, DecisionSource.Client, cancellationToken);
        }

        return await list.HandleAsync(caller, cancellationToken);
    }
}
