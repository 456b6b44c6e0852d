using System.Text.Json.Serialization;

namespace GongTongDizao.Core.Features.Volunteers;

/// <summary>
/// A person's opt-in volunteer profile in the volunteers container (partition key = id = the user id): only what a
/// service record needs. The phone is the one verified through the phone link (stored masked here; the account holds
/// it encrypted). It leaves with <c>DELETE /me</c>.
/// </summary>
public sealed record VolunteerProfile
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    public required string RealName { get; init; }

    public required string PhoneMasked { get; init; }

    public required int BirthYear { get; init; }

    /// <summary>Recorded for 14–17-year-olds before they may serve.</summary>
    public GuardianConsent? GuardianConsent { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }
}

public sealed record GuardianConsent(string GuardianName, string Relation, DateTimeOffset RecordedAt);

/// <summary>May this person be named to serve an order.</summary>
public enum VolunteerEligibility
{
    Eligible,
    NoProfile,
    TooYoung,
    NeedsGuardianConsent,
}

/// <summary>
/// The age rules. Only the birth year is stored, so the age is the youngest the person can be in this China year
/// (year difference minus one): a rule for minors must never let a 13-year-old through because of a birthday later in
/// the year; an adult in their 18th year is asked for a guardian's consent until the next new year.
/// </summary>
public static class VolunteerAge
{
    public const int MinimumAge = 14;
    public const int AdultAge = 18;

    public static int YoungestAge(int birthYear, DateTimeOffset now) => ChinaTime.YearOf(now) - birthYear - 1;

    public static bool NeedsGuardian(int birthYear, DateTimeOffset now) => YoungestAge(birthYear, now) < AdultAge;

    public static VolunteerEligibility Check(VolunteerProfile? profile, DateTimeOffset now)
    {
        if (profile is null)
        {
            return VolunteerEligibility.NoProfile;
        }

        var age = YoungestAge(profile.BirthYear, now);
        return age < MinimumAge ? VolunteerEligibility.TooYoung
            : age < AdultAge && profile.GuardianConsent is null ? VolunteerEligibility.NeedsGuardianConsent
            : VolunteerEligibility.Eligible;
    }
}
