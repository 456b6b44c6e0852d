using System.Collections.Frozen;
using GongTongDizao.Core.Storage;
using Microsoft.Azure.Cosmos;

namespace GongTongDizao.Core.Features.Orgs;

/// <summary>
/// The governance tree in memory: loaded on first use (never at start-up), refreshed every few minutes and at once
/// after an import on this instance. Readers get an immutable snapshot, so no lock is held while serving.
/// </summary>
public sealed class OrgDirectory(CosmosClient cosmos, TimeProvider time) : IDisposable
{
    private static readonly TimeSpan s_refreshAfter = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim _loading = new(1, 1);
    private Snapshot? _snapshot;

    public async Task<OrgUnit?> FindAsync(string id, CancellationToken cancellationToken) =>
        (await GetAsync(cancellationToken)).ById.GetValueOrDefault(id);

    public async Task<IReadOnlyList<OrgUnit>> ChildrenAsync(string id, CancellationToken cancellationToken) =>
        (await GetAsync(cancellationToken)).Children.GetValueOrDefault(id) ?? [];

    public async Task<IReadOnlyList<OrgUnit>> SearchAsync(string query, int max, CancellationToken cancellationToken)
    {
        var snapshot = await GetAsync(cancellationToken);
        return [.. snapshot.All
            .Where(o => o.Id.StartsWith(query, StringComparison.Ordinal) || o.Name.Contains(query, StringComparison.Ordinal))
            .OrderBy(o => o.Level).ThenBy(o => o.Id, StringComparer.Ordinal)
            .Take(max)];
    }

    /// <summary>Is <paramref name="orgId"/> the node <paramref name="ancestorId"/> or somewhere below it?</summary>
    public async Task<bool> CoversAsync(string ancestorId, string orgId, CancellationToken cancellationToken) =>
        ancestorId == orgId || ((await GetAsync(cancellationToken)).ById.GetValueOrDefault(orgId)?.Path.Contains(ancestorId) ?? false);

    public async Task<IReadOnlyCollection<OrgUnit>> AllAsync(CancellationToken cancellationToken) => (await GetAsync(cancellationToken)).All;

    public void Invalidate() => _snapshot = null;

    public void Dispose() => _loading.Dispose();

    private async ValueTask<Snapshot> GetAsync(CancellationToken cancellationToken)
    {
        var current = _snapshot;
        if (current is not null && time.GetUtcNow() - current.LoadedAt < s_refreshAfter)
        {
            return current;
        }

        await _loading.WaitAsync(cancellationToken);
        try
        {
            current = _snapshot;
            if (current is not null && time.GetUtcNow() - current.LoadedAt < s_refreshAfter)
            {
                return current;
            }

            var loaded = await LoadAsync(cancellationToken);
            _snapshot = loaded;
            return loaded;
        }
        finally
        {
            _loading.Release();
        }
    }

    private async Task<Snapshot> LoadAsync(CancellationToken cancellationToken)
    {
        var all = await cosmos.GetContainer(StoreNames.Database, StoreNames.Containers.Orgs)
            .DrainAsync<OrgUnit>(new QueryDefinition("SELECT * FROM o"), partitionKey: null, cancellationToken)
            .ToListAsync(cancellationToken);

        return new Snapshot(
            all,
            all.ToFrozenDictionary(o => o.Id, StringComparer.Ordinal),
            all.Where(o => o.ParentId is not null).GroupBy(o => o.ParentId!)
                .ToFrozenDictionary(g => g.Key, g => (IReadOnlyList<OrgUnit>)[.. g.OrderBy(o => o.Id, StringComparer.Ordinal)], StringComparer.Ordinal),
            time.GetUtcNow());
    }

    private sealed record Snapshot(
        IReadOnlyCollection<OrgUnit> All,
        FrozenDictionary<string, OrgUnit> ById,
        FrozenDictionary<string, IReadOnlyList<OrgUnit>> Children,
        DateTimeOffset LoadedAt);
}
