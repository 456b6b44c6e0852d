using System.Net;
using GongTongDizao.Core.Storage;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Options;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>
/// What claiming a delivery with its unit came to: the record created with the unit taken; or no unit left (nothing
/// written); or neither, when the delivery's record exists already.
/// </summary>
public sealed record UnitClaim(DeliveryRecord? Record, bool NoUnit);

/// <summary>Where a subscription decision was learnt: the mini-program's report or WeChat's popup push.</summary>
public enum DecisionSource
{
    Client,
    Push,
}

/// <summary>
/// Subscribe quotas per person and template. A delivery takes a one-time unit with a conditional patch in one batch
/// with its record (<see cref="TakeForDeliveryAsync"/>); other changes are read-modify-write with ETag, so concurrent
/// deliveries to one person never spend a unit twice.
/// </summary>
public class SubscriptionQuotas(CosmosClient cosmos, IOptions<NotificationsOptions> options, TimeProvider time)
{
    // A delivery's unit: one less, on condition that one is left (the server checks and applies it as one step).
    private static readonly PatchOperation[] s_takeUnit = [PatchOperation.Increment("/remaining", -1)];
    private static TransactionalBatchPatchItemRequestOptions WhereUnitLeft() => new() { FilterPredicate = "FROM c WHERE c.remaining > 0" };

    private const int MaxConcurrencyRetries = 10;
    private const int MaxTakeRetries = 100;
    private readonly Container _container = cosmos.GetContainer(StoreNames.Database, StoreNames.Containers.Notifications);

    /// <summary>Takes one send for <paramref name="templateKey"/>: true when a long-term subscription is on or a one-time unit was left.</summary>
    public virtual async Task<bool> TryTakeAsync(string userId, string templateKey, CancellationToken cancellationToken)
    {
        if (options.Value.IsLongTerm(templateKey) && await FindAsync(userId, templateKey, cancellationToken) is { LongTerm: true })
        {
            return true;
        }

        var partition = new PartitionKey(userId);
        var lost = 0;
        return await OptimisticRetry.RunAsync<QuotaDocument, bool>(
            await FindAsync(userId, templateKey, cancellationToken),
            async quota =>
            {
                if (quota.Remaining <= 0)
                {
                    return false;
                }

                return await _container.TryReplaceAsync(quota with { Remaining = quota.Remaining - 1, ETag = null }, quota.Id, partition, quota.ETag, cancellationToken) is not null
                    ? true
                    : Attempt<bool>.LostRace();
            },
            async _ =>
            {
                // Another delivery took a unit meanwhile: read again after a growing random pause, so twenty
                // deliveries to one person do not keep colliding.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 20 + (lost++ * 5))), time, cancellationToken);
                return await FindAsync(userId, templateKey, cancellationToken);
            },
            last => last is null ? false : throw new InvalidOperationException($"Could not take a {templateKey} unit for {userId} after {MaxTakeRetries} tries: too much contention."),
            MaxTakeRetries);
    }

    /// <summary>Whether <paramref name="templateKey"/> is a long-term subscription template (sent without spending a unit while it is on).</summary>
    public virtual bool IsLongTerm(string templateKey) => options.Value.IsLongTerm(templateKey);

    /// <summary>
    /// Takes one one-time unit for a delivery and saves its record marked <see cref="DeliveryRecord.QuotaTaken"/>, in
    /// one transactional batch of the person's partition, which holds both: the quota's patch on condition that a unit
    /// is left, and the record's replace under its ETag. One round trip instead of the quota's read and replace and the
    /// record's save; a unit is never spent twice (the patch is atomic) nor taken without its record saying so (the
    /// batch is). Null when no unit is left; <see cref="DeliveryChangedException"/> when the record changed meanwhile.
    /// </summary>
    public virtual async Task<DeliveryRecord?> TakeForDeliveryAsync(DeliveryRecord marked, string templateKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(marked);
        using var response = await _container.CreateTransactionalBatch(new PartitionKey(marked.UserId))
            .PatchItem(NotificationKinds.QuotaId(templateKey), s_takeUnit, WhereUnitLeft())
            .ReplaceItem(marked.Id, marked with { ETag = null, UpdatedAt = time.GetUtcNow() }, new TransactionalBatchItemRequestOptions { IfMatchEtag = marked.ETag })
            .ExecuteAsync(cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return response.GetOperationResultAtIndex<DeliveryRecord>(1).Resource;
        }

        // A failed batch answers the failing operation's status and 424 for the other one.
        return response[0].StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound
            ? null
            : response[1].StatusCode == HttpStatusCode.PreconditionFailed
                ? throw new DeliveryChangedException($"Delivery {marked.Id} changed while this handler owned it.")
                : throw new InvalidOperationException($"Taking a {templateKey} unit for delivery {marked.Id} failed with {(int)response.StatusCode}: {response.ErrorMessage}");
    }

    /// <summary>
    /// Claims a new delivery and takes its one-time unit in one transactional batch of the person's partition: the
    /// record's create (pending, leased, marked <see cref="DeliveryRecord.QuotaTaken"/>; the create is the claim, it
    /// succeeds once) and the quota's patch on condition that a unit is left. One round trip instead of the claim's
    /// create followed by the unit's batch; neither lands without the other.
    /// </summary>
    public virtual async Task<UnitClaim> ClaimWithUnitAsync(DeliveryRecord claimed, string templateKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        using var response = await _container.CreateTransactionalBatch(new PartitionKey(claimed.UserId))
            .CreateItem(claimed with { ETag = null, QuotaTaken = true })
            .PatchItem(NotificationKinds.QuotaId(templateKey), s_takeUnit, WhereUnitLeft())
            .ExecuteAsync(cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return new(response.GetOperationResultAtIndex<DeliveryRecord>(0).Resource, NoUnit: false);
        }

        // A failed batch answers the failing operation's status and 424 for the other one.
        return response[0].StatusCode == HttpStatusCode.Conflict ? new(null, NoUnit: false)
            : response[1].StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound ? new(null, NoUnit: true)
            : throw new InvalidOperationException($"Claiming delivery {claimed.Id} with a {templateKey} unit failed with {(int)response.StatusCode}: {response.ErrorMessage}");
    }

    /// <summary>Gives back a unit WeChat did not spend (the send was rejected before delivery).</summary>
    public virtual Task RefundAsync(string userId, string templateKey, CancellationToken cancellationToken) =>
        PatchIfExistsAsync(userId, templateKey, [PatchOperation.Increment("/remaining", 1)], cancellationToken);

    /// <summary>WeChat said 43101: whatever we counted, the person has nothing left.</summary>
    public virtual Task ResetAsync(string userId, string templateKey, CancellationToken cancellationToken) =>
        PatchIfExistsAsync(userId, templateKey, [PatchOperation.Set("/remaining", 0)], cancellationToken);

    /// <summary>Records a decision (accept, reject, ban, filter) from the client or the popup push.</summary>
    public virtual async Task<QuotaDocument> RecordAsync(string userId, string templateKey, string decision, DecisionSource source, CancellationToken cancellationToken)
    {
        var partition = new PartitionKey(userId);
        return await OptimisticRetry.RunAsync<Snapshot<QuotaDocument>, QuotaDocument>(
            new(await FindAsync(userId, templateKey, cancellationToken)),
            async read =>
            {
                var current = read.Current;
                var updated = Apply(current ?? new QuotaDocument { Id = NotificationKinds.QuotaId(templateKey), UserId = userId, TemplateKey = templateKey }, decision, source, options.Value.IsLongTerm(templateKey)) with
                {
                    UpdatedAt = time.GetUtcNow(),
                    ETag = null,
                };
                var saved = current is null
                    ? await _container.TryCreateAsync(updated, partition, cancellationToken)
                    : await _container.TryReplaceAsync(updated, updated.Id, partition, current.ETag, cancellationToken);
                return saved ?? Attempt<QuotaDocument>.LostRace();
            },
            async _ =>
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 50)), time, cancellationToken);
                return new(await FindAsync(userId, templateKey, cancellationToken));
            },
            _ => throw new InvalidOperationException($"Could not record {decision} for {templateKey} of {userId}: too much contention."),
            MaxConcurrencyRetries + 1);
    }

    /// <summary>
    /// The decision rules, kept pure for tests. An accept adds a unit only when its source is not catching up with
    /// the other source's report of the same accept; ban (and a settings change to reject) empties the quota.
    /// </summary>
    public static QuotaDocument Apply(QuotaDocument quota, string decision, DecisionSource source, bool longTermTemplate)
    {
        ArgumentNullException.ThrowIfNull(quota);
        switch (decision)
        {
            case SubscriptionDecisions.Accept:
                var client = quota.ClientAccepts + (source == DecisionSource.Client ? 1 : 0);
                var push = quota.PushAccepts + (source == DecisionSource.Push ? 1 : 0);
                var added = Math.Max(client, push) - Math.Max(quota.ClientAccepts, quota.PushAccepts);
                return quota with
                {
                    ClientAccepts = client,
                    PushAccepts = push,
                    Remaining = quota.Remaining + added,
                    LongTerm = quota.LongTerm || longTermTemplate,
                    Decision = decision,
                };
            case SubscriptionDecisions.Ban:
                return quota with { Remaining = 0, LongTerm = false, Decision = decision };
            case SubscriptionDecisions.Reject:
                return quota with { LongTerm = false, Decision = decision };
            default:
                return quota with { Decision = decision };
        }
    }

    public virtual Task<QuotaDocument?> FindAsync(string userId, string templateKey, CancellationToken cancellationToken) =>
        _container.FindAsync<QuotaDocument>(NotificationKinds.QuotaId(templateKey), new PartitionKey(userId), cancellationToken);

    /// <summary>
    /// Those of <paramref name="userIds"/> who may be sent <paramref name="templateKey"/> now (<see cref="MayReceive"/>),
    /// in one query for a whole page of a broadcast instead of a point read per person (cross-partition, the ids as
    /// one array parameter). A unit is still taken by the delivery itself, under the ETag.
    /// </summary>
    public virtual async Task<IReadOnlySet<string>> WhoMayReceiveAsync(IReadOnlyCollection<string> userIds, string templateKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        var receiving = new HashSet<string>(StringComparer.Ordinal);
        if (userIds.Count == 0)
        {
            return receiving;
        }

        var query = new QueryDefinition("SELECT * FROM c WHERE c.kind = @k AND c.id = @id AND ARRAY_CONTAINS(@users, c.userId)")
            .WithParameter("@k", NotificationKinds.Quota).WithParameter("@id", NotificationKinds.QuotaId(templateKey)).WithParameter("@users", userIds);
        var longTermTemplate = options.Value.IsLongTerm(templateKey);
        await foreach (var quota in _container.DrainAsync<QuotaDocument>(query, partitionKey: null, cancellationToken))
        {
            if (MayReceive(quota, longTermTemplate))
            {
                receiving.Add(quota.UserId);
            }
        }

        return receiving;
    }

    /// <summary>As <see cref="TryTakeAsync"/> decides: a long-term subscription that is on, or a one-time unit left.</summary>
    public static bool MayReceive(QuotaDocument? quota, bool longTermTemplate) =>
        quota is not null && ((longTermTemplate && quota.LongTerm) || quota.Remaining > 0);

    public virtual IAsyncEnumerable<QuotaDocument> AllAsync(string userId, CancellationToken cancellationToken)
    {
        var query = new QueryDefinition("SELECT * FROM c WHERE c.userId = @u AND c.kind = @k").WithParameter("@u", userId).WithParameter("@k", NotificationKinds.Quota);
        return _container.DrainAsync<QuotaDocument>(query, new PartitionKey(userId), cancellationToken);
    }


    /// <summary>No quota document means nothing was counted, so there is nothing to correct.</summary>
    private Task<bool> PatchIfExistsAsync(string userId, string templateKey, PatchOperation[] operations, CancellationToken cancellationToken) =>
        _container.TryPatchExistingAsync(NotificationKinds.QuotaId(templateKey), new PartitionKey(userId), operations, cancellationToken);
}

/// <summary>What <c>wx.requestSubscribeMessage</c> reports per template.</summary>
public static class SubscriptionDecisions
{
    public const string Accept = "accept";
    public const string Reject = "reject";
    public const string Ban = "ban";
    public const string Filter = "filter";

    public static readonly IReadOnlyList<string> All = [Accept, Reject, Ban, Filter];
}
