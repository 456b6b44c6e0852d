using GongTongDizao.Core.Storage;
using Microsoft.Azure.Cosmos;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>Broadcast opt-ins (PUT /api/me/preferences), one document per person. Virtual for fakes.</summary>
public class NotificationPreferences(CosmosClient cosmos)
{
    private readonly Container _container = cosmos.GetContainer(StoreNames.Database, StoreNames.Containers.Notifications);

    public virtual Task<PreferencesDocument?> FindAsync(string userId, CancellationToken cancellationToken) =>
        _container.FindAsync<PreferencesDocument>(NotificationKinds.PreferencesId, new PartitionKey(userId), cancellationToken);

    /// <summary>The created document, or null when the person has one already (created meanwhile).</summary>
    public virtual Task<PreferencesDocument?> TryCreateAsync(PreferencesDocument preferences, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(preferences);
        return _container.TryCreateAsync(preferences, new PartitionKey(preferences.UserId), cancellationToken);
    }

    /// <summary>
    /// Sets the switches given and only those, atomically (two phones flipping different switches both count); null
    /// when the person has no document (deleted meanwhile).
    /// </summary>
    public virtual async Task<PreferencesDocument?> TrySetAsync(string userId, bool? youth, bool? women, bool? all, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var operations = new List<PatchOperation> { PatchOperation.Set("/updatedAt", now) };
        if (youth is { } y)
        {
            operations.Add(PatchOperation.Set("/youth", y));
        }

        if (women is { } w)
        {
            operations.Add(PatchOperation.Set("/women", w));
        }

        if (all is { } a)
        {
            operations.Add(PatchOperation.Set("/all", a));
        }

        return await _container.PatchExistingAsync<PreferencesDocument>(NotificationKinds.PreferencesId, new PartitionKey(userId), operations, cancellationToken);
    }

    public virtual async Task<bool> WantsAsync(string userId, BroadcastAudience audience, CancellationToken cancellationToken) =>
        await FindAsync(userId, cancellationToken) is { } p && Wants(p, audience);

    /// <summary>
    /// Those of <paramref name="userIds"/> who opted in to <paramref name="audience"/>, in one query for a whole page of
    /// a broadcast instead of a point read per person. It crosses partitions (one per person), so the SDK asks each
    /// physical partition once; the ids travel as one array parameter.
    /// </summary>
    public virtual async Task<IReadOnlySet<string>> WhoWantsAsync(IReadOnlyCollection<string> userIds, BroadcastAudience audience, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        var wanting = new HashSet<string>(StringComparer.Ordinal);
        if (userIds.Count == 0)
        {
            return wanting;
        }

        var query = new QueryDefinition("SELECT * FROM c WHERE c.kind = @k AND c.id = @id AND ARRAY_CONTAINS(@users, c.userId)")
            .WithParameter("@k", NotificationKinds.Preferences).WithParameter("@id", NotificationKinds.PreferencesId).WithParameter("@users", userIds);
        await foreach (var p in _container.DrainAsync<PreferencesDocument>(query, partitionKey: null, cancellationToken))
        {
            if (Wants(p, audience))
            {
                wanting.Add(p.UserId);
            }
        }

        return wanting;
    }

    /// <summary>Whether these switches let a broadcast to <paramref name="audience"/> through.</summary>
    public static bool Wants(PreferencesDocument preferences, BroadcastAudience audience)
    {
        ArgumentNullException.ThrowIfNull(preferences);
        return audience switch
        {
            BroadcastAudience.Youth => preferences.Youth,
            BroadcastAudience.Women => preferences.Women,
            _ => preferences.All,
        };
    }
}
