using System.Net;
using System.Security.Cryptography;
using System.Text;
using GongTongDizao.Core.Storage;
using Microsoft.Azure.Cosmos;

namespace GongTongDizao.Core.Idempotency;

/// <summary>What became of a request that carried an Idempotency-Key.</summary>
public abstract record IdempotencyOutcome
{
    private IdempotencyOutcome()
    {
    }

    /// <summary>The key is ours: run the request, then <see cref="IdempotencyStore.CompleteAsync"/> or <see cref="IdempotencyStore.ReleaseAsync"/>.</summary>
    public sealed record Reserved(IdempotencyRecord Record) : IdempotencyOutcome;

    /// <summary>The key already answered this request: send the same response again.</summary>
    public sealed record Replay(IdempotencyRecord Record) : IdempotencyOutcome;

    /// <summary>The key was used for a different request (422).</summary>
    public sealed record Mismatch : IdempotencyOutcome;

    /// <summary>The first request with this key is still running (409).</summary>
    public sealed record InFlight : IdempotencyOutcome;
}

/// <summary>
/// The Idempotency-Key records (IETF draft-ietf-httpapi-idempotency-key-header): a key is scoped to the caller, reserved
/// with a create (so of concurrent duplicates exactly one runs), and completed with the response it produced.
/// A reservation whose request died without completing is taken over after <see cref="StaleAfter"/>.
/// </summary>
public sealed class IdempotencyStore(CosmosClient cosmos, TimeProvider clock)
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(2);

    private readonly Container _container = cosmos.GetContainer(StoreNames.Database, StoreNames.Containers.Dedupe);

    public static string Fingerprint(string method, string path, ReadOnlySpan<byte> body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{method.ToUpperInvariant()} {path}\n"));
        hash.AppendData(body);
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    public async Task<IdempotencyOutcome> BeginAsync(string callerId, string key, string fingerprint, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(callerId);
        ArgumentException.ThrowIfNullOrEmpty(key);
        var id = "idem~" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(callerId + "\n" + key)));
        var record = new IdempotencyRecord { Id = id, Fingerprint = fingerprint, StartedAt = clock.GetUtcNow() };
        try
        {
            var created = await _container.CreateItemAsync(record, new PartitionKey(id), cancellationToken: cancellationToken);
            return new IdempotencyOutcome.Reserved(record with { ETag = created.ETag });
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.Conflict)
        {
            // Someone holds the key: decide below.
        }

        if (await _container.FindAsync<IdempotencyRecord>(id, new PartitionKey(id), cancellationToken) is not { } existing)
        {
            // Released between our create and read: the holder failed; tell this caller to try again.
            return new IdempotencyOutcome.InFlight();
        }

        if (!string.Equals(existing.Fingerprint, fingerprint, StringComparison.Ordinal))
        {
            return new IdempotencyOutcome.Mismatch();
        }

        if (existing.Completed)
        {
            return new IdempotencyOutcome.Replay(existing);
        }

        if (clock.GetUtcNow() - existing.StartedAt < StaleAfter)
        {
            return new IdempotencyOutcome.InFlight();
        }

        // Taken over by someone else meanwhile (or released): still in flight for this caller.
        return await _container.TryReplaceAsync(record, id, new PartitionKey(id), existing.ETag, cancellationToken, vanishedIsChanged: true) is { } taken
            ? new IdempotencyOutcome.Reserved(record with { ETag = taken.ETag })
            : new IdempotencyOutcome.InFlight();
    }

    /// <summary>Keeps the response for 24 hours from now, for repeats of the request.</summary>
    public async Task CompleteAsync(IdempotencyRecord reserved, int status, string? contentType, string? location, string? body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reserved);
        var completed = reserved with { Completed = true, Status = status, ContentType = contentType, Location = location, Body = body, ETag = null };
        await _container.ReplaceItemAsync(completed, completed.Id, new PartitionKey(completed.Id), new ItemRequestOptions { IfMatchEtag = reserved.ETag, EnableContentResponseOnWrite = false }, cancellationToken);
    }

    /// <summary>The request failed without creating anything: the key may be used again.</summary>
    public async Task ReleaseAsync(IdempotencyRecord reserved)
    {
        ArgumentNullException.ThrowIfNull(reserved);

        // False when gone already, or taken over: nothing of ours to release.
        await _container.TryDeleteAsync(reserved.Id, new PartitionKey(reserved.Id), CancellationToken.None, ifMatch: reserved.ETag);
    }
}
