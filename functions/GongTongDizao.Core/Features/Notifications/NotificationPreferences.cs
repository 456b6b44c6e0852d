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
        await FindAsync(userId, cancellationToken) is { } p && audience switch
        {
            BroadcastAudience.Youth => p.Youth,
            BroadcastAudience.Women => p.Women,
            _ => p.All,
        };
}
