using FluentValidation;
using GongTongDizao.Core.Auth;
using GongTongDizao.Core.Common;
using Microsoft.Extensions.Options;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>What <c>wx.requestSubscribeMessage</c> returned, per template key: accept, reject, ban or filter.</summary>
public sealed record ReportSubscriptionsRequest(IReadOnlyDictionary<string, string> Results);

/// <summary>
/// One template as the mini-program needs it: the WeChat template id to ask for (absent when this environment has
/// none), whether it is long-term, and what the person has left.
/// </summary>
public sealed record SubscriptionView(string TemplateKey, string Title, string? TemplateId, bool LongTermTemplate, int Remaining, bool LongTerm, string? Decision);

public sealed record SubscriptionList(IReadOnlyList<SubscriptionView> Items);

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

/// <summary>Lists the catalogue's templates with the caller's quotas.</summary>
public sealed class ListSubscriptions(SubscriptionQuotas quotas, TemplateCatalogue catalogue, IOptions<NotificationsOptions> options)
{
    public async Task<Result<SubscriptionList>> HandleAsync(Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var mine = new Dictionary<string, QuotaDocument>(StringComparer.Ordinal);
        await foreach (var quota in quotas.AllAsync(caller.Id, cancellationToken))
        {
            mine[quota.TemplateKey] = quota;
        }

        return new SubscriptionList([.. TemplateCatalogue.Definitions.Values.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d =>
        {
            var quota = mine.GetValueOrDefault(d.Key);
            return new SubscriptionView(d.Key, d.Title, catalogue.TemplateIdOf(d.Key), options.Value.IsLongTerm(d.Key), quota?.Remaining ?? 0, quota?.LongTerm ?? false, quota?.Decision);
        })]);
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
