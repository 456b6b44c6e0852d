using GongTongDizao.Core.Storage;
using Microsoft.Azure.Cosmos;

namespace GongTongDizao.Core.Features.Volunteers;

/// <summary>Volunteer profiles, one partition per person (id = the user id): every read is a point read.</summary>
public sealed class VolunteerStore(CosmosClient cosmos)
{
    private readonly Container _profiles = cosmos.GetContainer(StoreNames.Database, StoreNames.Containers.Volunteers);

    public Task<VolunteerProfile?> FindAsync(string userId, CancellationToken cancellationToken) =>
        _profiles.FindAsync<VolunteerProfile>(userId, new PartitionKey(userId), cancellationToken);

    /// <summary>One person edits their own profile: the last write wins, nobody else writes it.</summary>
    public async Task<VolunteerProfile> UpsertAsync(VolunteerProfile profile, CancellationToken cancellationToken) =>
        (await _profiles.UpsertItemAsync(profile with { ETag = null }, new PartitionKey(profile.Id), cancellationToken: cancellationToken)).Resource;

    /// <summary>Deleting is idempotent: a profile already gone is not an error.</summary>
    public Task DeleteAsync(string userId, CancellationToken cancellationToken) =>
        _profiles.TryDeleteAsync(userId, new PartitionKey(userId), cancellationToken);
}
