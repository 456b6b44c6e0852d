using System.Text.Json.Serialization;
using GongTongDizao.Core.Storage;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Caching.Memory;

namespace GongTongDizao.Core.Features.Identity;

/// <summary>
/// Users by id (a point read). Authentication reads through a short cache so a request costs no extra store call;
/// writes and deletes on this instance evict it at once, other instances see a change within <see cref="CacheTime"/>.
/// Ids are random; an openid finds its account through a link document in the same container (its id a keyed hash
/// of the openid, <see cref="UserIds.OpenIdLinkId"/>), which deletion removes first.
/// </summary>
public sealed class UserStore(CosmosClient cosmos, BulkCosmosClient bulk, IMemoryCache cache, UserIds ids)
{
    public static readonly TimeSpan CacheTime = TimeSpan.FromSeconds(30);

    private readonly Container _users = cosmos.GetContainer(StoreNames.Database, StoreNames.Containers.Users);
    private readonly Container _bulkUsers = bulk.GetContainer(StoreNames.Database, StoreNames.Containers.Users);

    /// <summary>
    /// As <see cref="FindAsync"/>, uncached, for queue work that reads many accounts at once (a delivery batch's
    /// recipients): the bulk client packs the reads bound for one partition key range into one request.
    /// </summary>
    public Task<UserAccount?> FindInBulkAsync(string id, CancellationToken cancellationToken) =>
        _bulkUsers.FindAsync<UserAccount>(id, new PartitionKey(id), cancellationToken);

    public async Task<UserAccount?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var user = await _users.FindAsync<UserAccount>(id, new PartitionKey(id), cancellationToken);
        if (user is null)
        {
            cache.Remove(Key(id));
        }
        else
        {
            cache.Set(Key(id), user, CacheTime);
        }

        return user;
    }

    public async Task<UserAccount?> FindCachedAsync(string id, CancellationToken cancellationToken) =>
        cache.TryGetValue(Key(id), out UserAccount? user) ? user : await FindAsync(id, cancellationToken);

    /// <summary>Creates the account, or returns null when a concurrent login created it first.</summary>
    public async Task<UserAccount?> TryCreateAsync(UserAccount user, CancellationToken cancellationToken)
    {
        var created = await _users.TryCreateAsync(user, new PartitionKey(user.Id), cancellationToken);
        if (created is not null)
        {
            cache.Set(Key(user.Id), created, CacheTime);
        }

        return created;
    }

    /// <summary>Saves a changed account if nobody changed it since it was read (ETag); otherwise CONCURRENT_CHANGE.</summary>
    public async Task<Result<UserAccount>> ReplaceAsync(UserAccount user, CancellationToken cancellationToken)
    {
        var saved = await _users.TryReplaceAsync(user with { ETag = null }, user.Id, new PartitionKey(user.Id), user.ETag, cancellationToken);
        if (saved is null)
        {
            cache.Remove(Key(user.Id));
        }
        else
        {
            cache.Set(Key(user.Id), saved, CacheTime);
        }

        return ConditionalWrites.OrConcurrentChange(saved);
    }

    /// <summary>
    /// A login of an existing account in one write: the new session key, the union id when WeChat sent one, the time.
    /// An atomic patch, so it needs no read and no ETag; null when there is no such account (first login, or deleted).
    /// </summary>
    public async Task<UserAccount?> TryRecordLoginAsync(string id, string sessionKeyProtected, string? unionId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        List<PatchOperation> operations = [PatchOperation.Set("/sessionKeyProtected", sessionKeyProtected), PatchOperation.Set("/lastLoginAt", now)];
        if (unionId is not null)
        {
            operations.Add(PatchOperation.Set("/unionId", unionId));
        }

        var saved = await _users.PatchExistingAsync<UserAccount>(id, new PartitionKey(id), operations, cancellationToken);
        if (saved is null)
        {
            cache.Remove(Key(id));
        }
        else
        {
            cache.Set(Key(id), saved, CacheTime);
        }

        return saved;
    }

    public async Task DeleteAsync(string id, CancellationToken cancellationToken)
    {
        cache.Remove(Key(id));
        try
        {
            await _users.TryDeleteAsync(id, new PartitionKey(id), cancellationToken);
        }
        finally
        {
            cache.Remove(Key(id));
        }
    }

    /// <summary>The id of the account this openid signs in to, or null when it has none (never signed in, or deleted).</summary>
    public async Task<string?> FindIdByOpenIdAsync(string openId, CancellationToken cancellationToken)
    {
        var linkId = ids.OpenIdLinkId(openId);
        return (await _users.FindAsync<OpenIdLink>(linkId, new PartitionKey(linkId), cancellationToken))?.UserId;
    }

    /// <summary>Links the openid to <paramref name="userId"/>; when a concurrent login linked it first, returns the id it linked.</summary>
    public async Task<string> LinkOpenIdAsync(string openId, string userId, CancellationToken cancellationToken)
    {
        var linkId = ids.OpenIdLinkId(openId);
        if (await _users.TryCreateAsync(new OpenIdLink(linkId, userId), new PartitionKey(linkId), cancellationToken, returnContent: false) is not null)
        {
            return userId;
        }

        return await FindIdByOpenIdAsync(openId, cancellationToken) ?? throw new InvalidOperationException("The openid link vanished while it was being created.");
    }

    /// <summary>Removes the openid's link: the next login with it starts a new account with a new id.</summary>
    public async Task UnlinkOpenIdAsync(string openId, CancellationToken cancellationToken)
    {
        var linkId = ids.OpenIdLinkId(openId);
        await _users.TryDeleteAsync(linkId, new PartitionKey(linkId), cancellationToken);
    }

    /// <summary>Staff whose role is bound to this org or below it (an administrator's query; it crosses partitions).</summary>
    public IAsyncEnumerable<UserAccount> StaffWithinAsync(string orgId, CancellationToken cancellationToken) =>
        _users.DrainAsync<UserAccount>(new QueryDefinition("SELECT * FROM u WHERE ARRAY_CONTAINS(u.staffScopeIndex, @org)").WithParameter("@org", orgId), partitionKey: null, cancellationToken);

    private static string Key(string id) => "user:" + id;
}

/// <summary>The users container's link from an openid (its keyed hash is the id) to the account it signs in to.</summary>
public sealed record OpenIdLink([property: JsonPropertyName("id")] string Id, string UserId)
{
    public string Kind { get; init; } = "openid-link";
}
