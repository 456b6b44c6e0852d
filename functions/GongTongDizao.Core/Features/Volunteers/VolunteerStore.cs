using System.Net;
using Microsoft.Azure.Cosmos;

namespace GongTongDizao.Core.Features.Volunteers;

/// <summary>Volunteer profiles, one partition per person (id = the user id): every read is a point read.</summary>
public sealed class VolunteerStore(CosmosClient cosmos)
{
    private readonly Container _profiles = cosmos.GetContainer(StoreNames.Database, StoreNames.Containers.Volunteers);

    public async Task<VolunteerProfile?> FindAsync(string userId, CancellationToken cancellationToken)
    {
        try
        {
            return (await _profiles.ReadItemAsync<VolunteerProfile>(userId, new PartitionKey(userId), cancellationToken: cancellationToken)).Resource;
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>One person edits their own profile: the last write wins, nobody else writes it.</summary>
    public async Task<VolunteerProfile> UpsertAsync(VolunteerProfile profile, CancellationToken cancellationToken) =>
        (await _profiles.UpsertItemAsync(profile with { ETag = null }, new PartitionKey(profile.Id), cancellationToken: cancellationToken)).Resource;

    public async Task DeleteAsync(string userId, CancellationToken cancellationToken)
    {
        try
        {
            await _profiles.DeleteItemAsync<VolunteerProfile>(userId, new PartitionKey(userId), cancellationToken: cancellationToken);
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            // Already gone: deletion is idempotent.
        }
    }
}
