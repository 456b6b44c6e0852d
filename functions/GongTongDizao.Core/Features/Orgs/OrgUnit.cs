using System.Text.Json.Serialization;

namespace GongTongDizao.Core.Features.Orgs;

/// <summary>
/// A node of the governance tree. Its id is the province's unified grid code, so an import can be repeated and a
/// code is never given to two nodes. <see cref="Path"/> lists the ancestors' ids from the root down.
/// </summary>
public sealed record OrgUnit
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required OrgLevel Level { get; init; }

    public string? ParentId { get; init; }

    public IReadOnlyList<string> Path { get; init; } = [];

    [JsonIgnore]
    public string Code => Id;

    /// <summary>Is <paramref name="other"/> this node or below it?</summary>
    public bool Covers(OrgUnit other) => other.Id == Id || other.Path.Contains(Id);
}
