using System.Security.Cryptography;
using GongTongDizao.Core.Storage;
using Microsoft.Azure.Cosmos;

namespace GongTongDizao.Core.Features.Volunteers;

/// <summary>Teams in Cosmos, one partition each. "The teams I belong to" and "teams serving node N" are small cross-partition queries.</summary>
public sealed class TeamStore(CosmosClient cosmos)
{
    private readonly Container _teams = cosmos.GetContainer(StoreNames.Database, StoreNames.Containers.Teams);

    public Container Container => _teams;

    /// <summary>Random, like user ids (decision 0004): a team id says nothing about who made it or when.</summary>
    public static string NewId() => "t" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    public async Task<Team?> FindAsync(string teamId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(teamId) || teamId.Length > 64)
        {
            return null;
        }

        return await _teams.FindAsync<Team>(teamId, new PartitionKey(teamId), cancellationToken);
    }

    public async Task<Team> CreateAsync(Team team, CancellationToken cancellationToken) =>
        (await _teams.CreateItemAsync(team with { ETag = null }, new PartitionKey(team.Id), cancellationToken: cancellationToken)).Resource;

    /// <summary>Saves the team if nobody changed it since it was read; null when someone did.</summary>
    public Task<Team?> TryReplaceAsync(Team team, CancellationToken cancellationToken) =>
        _teams.TryReplaceAsync(team with { ETag = null }, team.Id, new PartitionKey(team.Id), team.ETag, cancellationToken);

    public IAsyncEnumerable<Team> OfMemberAsync(string userId, CancellationToken cancellationToken) =>
        StreamAsync(new QueryDefinition("SELECT * FROM c WHERE ARRAY_CONTAINS(c.members, {\"userId\": @user}, true)").WithParameter("@user", userId), cancellationToken);

    /// <summary>Teams a person is in or asked to join (export and deletion).</summary>
    public IAsyncEnumerable<Team> OfPersonAsync(string userId, CancellationToken cancellationToken) =>
        StreamAsync(
            new QueryDefinition("SELECT * FROM c WHERE ARRAY_CONTAINS(c.members, {\"userId\": @user}, true) OR ARRAY_CONTAINS(c.joinRequests, {\"userId\": @user}, true)").WithParameter("@user", userId),
            cancellationToken);

    /// <summary>Teams whose node lies in <paramref name="orgId"/>'s subtree or on its path up (those that can serve it).</summary>
    public IAsyncEnumerable<Team> ServingAsync(string orgId, IReadOnlyList<string> orgPathUp, CancellationToken cancellationToken) =>
        StreamAsync(
            new QueryDefinition("SELECT * FROM c WHERE ARRAY_CONTAINS(c.orgPath, @org) OR ARRAY_CONTAINS(@up, c.orgId)").WithParameter("@org", orgId).WithParameter("@up", orgPathUp),
            cancellationToken);

    private IAsyncEnumerable<Team> StreamAsync(QueryDefinition query, CancellationToken cancellationToken) =>
        _teams.DrainAsync<Team>(query, (PartitionKey?)null, cancellationToken);
}
