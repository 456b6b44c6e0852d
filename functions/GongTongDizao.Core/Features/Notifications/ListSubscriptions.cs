using Microsoft.Extensions.Options;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>
/// One template as the mini-program needs it: the WeChat template id to ask for (absent when this environment has
/// none), whether it is long-term, and what the person has left.
/// </summary>
public sealed record SubscriptionView(string TemplateKey, string Title, string? TemplateId, bool LongTermTemplate, int Remaining, bool LongTerm, string? Decision);

public sealed record SubscriptionList(IReadOnlyList<SubscriptionView> Items);

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
