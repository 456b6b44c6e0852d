using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using GongTongDizao.Core.Features.Identity;
using GongTongDizao.Core.Storage;
using Microsoft.Azure.Cosmos;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>A staff member and their role bindings, as the audience queries read them.</summary>
public sealed record StaffCandidate
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    public IReadOnlyList<RoleAssignment> Roles { get; init; } = [];
}

/// <summary>The queries over the <c>users</c> container that find the people a notification goes to.</summary>
public class AudienceStore(CosmosClient cosmos)
{
    private readonly Container _users = cosmos.GetContainer(StoreNames.Database, StoreNames.Containers.Users);

    /// <summary>Users with any of <paramref name="roles"/> bound at any of <paramref name="orgIds"/> (both non-empty).</summary>
    public virtual async IAsyncEnumerable<StaffCandidate> WithAnyRoleAtAsync(IReadOnlyList<string> orgIds, IReadOnlyList<Role> roles, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(orgIds);
        ArgumentNullException.ThrowIfNull(roles);
        var conditions = new List<string>();
        var parameters = new List<(string Name, string Value)>();
        for (var r = 0; r < roles.Count; r++)
        {
            parameters.Add(($"@r{r}", RoleName(roles[r])));
            for (var o = 0; o < orgIds.Count; o++)
            {
                conditions.Add($"ARRAY_CONTAINS(u.roles, {{\"role\": @r{r}, \"orgId\": @o{o}}}, true)");
            }
        }

        for (var o = 0; o < orgIds.Count; o++)
        {
            parameters.Add(($"@o{o}", orgIds[o]));
        }

        // Only generated parameter names are concatenated; every value is a parameter.
        var query = new QueryDefinition("SELECT u.id, u.roles FROM u WHERE " + string.Join(" OR ", conditions));
        foreach (var (name, value) in parameters)
        {
            query = query.WithParameter(name, value);
        }

        await foreach (var candidate in _users.DrainAsync<StaffCandidate>(query, partitionKey: null, cancellationToken))
        {
            yield return candidate;
        }
    }

    /// <summary>
    /// One page of the ids of the people whose home community is one of <paramref name="communityIds"/>, from
    /// <paramref name="position"/> (null: the first), at most <paramref name="pageSize"/>.
    /// </summary>
    public virtual Task<StorePage<string>> ResidentsPageAsync(IReadOnlyList<string> communityIds, string? position, int pageSize, CancellationToken cancellationToken) =>
        _users.ReadPageAsync<string>(ResidentsQuery(communityIds), partitionKey: null, position, pageSize, cancellationToken);

    private static QueryDefinition ResidentsQuery(IReadOnlyList<string> communityIds) =>
        new QueryDefinition("SELECT VALUE u.id FROM u WHERE ARRAY_CONTAINS(@communities, u.homeCommunityId)").WithParameter("@communities", communityIds);

    private static string RoleName(Role role) => JsonSerializer.Serialize(role, JsonDefaults.Options).Trim('"');
}
