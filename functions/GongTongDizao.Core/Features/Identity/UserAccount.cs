using System.Text.Json.Serialization;

namespace GongTongDizao.Core.Features.Identity;

/// <summary>
/// A person in the users container (partition key = id). The openid is needed to send subscribe messages and never
/// leaves the server; the session key and phone number are stored encrypted.
/// </summary>
public sealed record UserAccount
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    public required string OpenId { get; init; }

    public string? UnionId { get; init; }

    public string? SessionKeyProtected { get; init; }

    public string? DisplayName { get; init; }

    public string? HomeCommunityId { get; init; }

    public string? BuildingId { get; init; }

    public string? PhoneProtected { get; init; }

    public string? PhoneMasked { get; init; }

    public IReadOnlyList<RoleAssignment> Roles { get; init; } = [];

    /// <summary>Every org a role of this user is bound to, plus their ancestors: lets "staff of node N" be one query.</summary>
    public IReadOnlyList<string> StaffScopeIndex { get; init; } = [];

    public PrivacyConsent? PrivacyConsent { get; init; }

    /// <summary>Letters written on one China day (<c>yyyy-MM-dd</c>): the daily limit's atomic count (DailyLetterLimit).</summary>
    public LetterDayCount? LetterDay { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset LastLoginAt { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }
}

public sealed record PrivacyConsent(string Version, DateTimeOffset AcceptedAt);

public sealed record LetterDayCount(string Day, int Count);
