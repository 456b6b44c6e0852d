using System.Text.Json.Serialization;
using GongTongDizao.Core.Features.Orders;

namespace GongTongDizao.Core.Features.Volunteers;

/// <summary>
/// A volunteer team in the teams container (partition key = its id). Members and pending join requests live in the
/// team's own document: a team is a few dozen people, and one ETag guards every change of its membership.
/// </summary>
public sealed record Team
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required TeamKind Kind { get; init; }

    /// <summary>The governance node it serves: orders of communities under it are its to take.</summary>
    public required string OrgId { get; init; }

    /// <summary>That node and its ancestors: staff in scope of any of them manage the team.</summary>
    public IReadOnlyList<string> OrgPath { get; init; } = [];

    /// <summary>Codes of the service menu (<see cref="OrderMenu"/>), active when the team was founded.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>The public profile residents read.</summary>
    public string? Profile { get; init; }

    public IReadOnlyList<TeamMember> Members { get; init; } = [];

    public IReadOnlyList<JoinRequest> JoinRequests { get; init; } = [];

    public required string CreatedBy { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public TeamMember? Member(string userId) => Members.FirstOrDefault(m => m.UserId == userId);

    public bool IsLeader(string userId) => Member(userId) is { Leader: true };
}

/// <summary>The five kinds of youth organisation the campaign gathers (团组织 + 青年社团 + 青年社会组织 + 青年志愿服务队 + 网上青年社群).</summary>
public enum TeamKind
{
    LeagueOrganization,
    YouthClub,
    YouthSocialOrganization,
    VolunteerTeam,
    OnlineCommunity,
}

public sealed record TeamMember(string UserId, string DisplayName, bool Leader, DateTimeOffset JoinedAt);

public sealed record JoinRequest(string UserId, string DisplayName, string? Note, DateTimeOffset At);

public static class TeamKinds
{
    public static string Label(TeamKind kind) => kind switch
    {
        TeamKind.LeagueOrganization => "团组织",
        TeamKind.YouthClub => "青年社团",
        TeamKind.YouthSocialOrganization => "青年社会组织",
        TeamKind.VolunteerTeam => "青年志愿服务队",
        _ => "网上青年社群",
    };
}
