using System.Net;
using GongTongDizao.Core.Common;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Caching.Memory;

namespace GongTongDizao.Core.Features.Identity;

/// <summary>
/// Users by id (a point read). Authentication reads through a short cache so a request costs no extra store call;
/// writes and deletes on this instance evict it at once, other instances see a change within <see cref="CacheTime"/>.
/// </summary>
public sealed class UserStore(CosmosClient cosmos, IMemoryCache cache)
{
    public static readonly TimeSpan CacheTime = TimeSpan.FromSeconds(30);

    private readonly Container _users = cosmos.GetContainer(StoreNames.Database, StoreNames.Containers.Users);

    public async Task<UserAccount?> FindAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            var user = (await _users.ReadItemAsync<UserAccount>(id, new PartitionKey(id), cancellationToken: cancellationToken)).Resource;
            cache.Set(Key(id), user, CacheTime);
            return user;
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            cache.Remove(Key(id));
            return null;
        }
    }

    public async Task<UserAccount?> FindCachedAsync(string id, CancellationToken cancellationToken) =>
        cache.TryGetValue(Key(id), out UserAccount? user) ? user : await FindAsync(id, cancellationToken);

    /// <summary>Creates the account, or returns null when a concurrent login created it first.</summary>
    public async Task<UserAccount?> TryCreateAsync(UserAccount user, CancellationToken cancellationToken)
    {
        try
        {
            var created = (await _users.CreateItemAsync(user, new PartitionKey(user.Id), cancellationToken: cancellationToken)).Resource;
            cache.Set(Key(user.Id), created, CacheTime);
            return created;
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.Conflict)
        {
            return null;
        }
    }

    /// <summary>Saves a changed account if nobody changed it since it was read (ETag); otherwise CONCURRENT_CHANGE.</summary>
    public async Task<Result<UserAccount>> ReplaceAsync(UserAccount user, CancellationToken cancellationToken)
    {
        try
        {
            var saved = (await _users.ReplaceItemAsync(user with { ETag = null }, user.Id, new PartitionKey(user.Id), new ItemRequestOptions { IfMatchEtag = user.ETag }, cancellationToken)).Resource;
            cache.Set(Key(user.Id), saved, CacheTime);
            return saved;
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.PreconditionFailed)
        {
            cache.Remove(Key(user.Id));
            return Error.From(ErrorCodes.ConcurrentChange);
        }
    }

    public async Task DeleteAsync(string id, CancellationToken cancellationToken)
    {
        cache.Remove(Key(id));
        try
        {
            await _users.DeleteItemAsync<UserAccount>(id, new PartitionKey(id), cancellationToken: cancellationToken);
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            // Already gone: deleting is idempotent.
        }
        finally
        {
            cache.Remove(Key(id));
        }
    }

    /// <summary>Staff whose role is bound to this org or below it (an administrator's query; it crosses partitions).</summary>
    public async IAsyncEnumerable<UserAccount> StaffWithinAsync(string orgId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = new QueryDefinition("SELECT * FROM u WHERE ARRAY_CONTAINS(u.staffScopeIndex, @org)").WithParameter("@org", orgId);
        using var feed = _users.GetItemQueryIterator<UserAccount>(query);
        while (feed.HasMoreResults)
        {
            foreach (var user in await feed.ReadNextAsync(cancellationToken))
            {
                yield return user;
            }
        }
    }

    private static string Key(string id) => "user:" + id;
}
