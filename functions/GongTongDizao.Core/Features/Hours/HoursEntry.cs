using System.Text.Json.Serialization;

namespace GongTongDizao.Core.Features.Hours;

/// <summary>
/// One line of the append-only hours ledger (container <c>hours</c>, partition = the volunteer). Nothing is ever
/// replaced: a check-in, an attendance, a decision, a 补录, a correction request and its decision are each a new entry,
/// and a record (<see cref="HoursRecord"/>) is the fold of the entries sharing its <see cref="RecordId"/>. Ids that
/// express a rule are deterministic, so the store's uniqueness enforces it under any race: one check-in and one
/// check-out per session (<c>in~code</c>, <c>att-code</c>), one decision per record, one decision per correction.
/// </summary>
public sealed record HoursEntry
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    public required string VolunteerId { get; init; }

    public required string RecordId { get; init; }

    public required HoursEntryKind Kind { get; init; }

    /// <summary>When the entry was written.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>What was served (copied onto every entry of the record, so the numbers read one entry at a time).</summary>
    public required HoursService Service { get; init; }

    /// <summary>The volunteer's real name from their profile when the record was made (the certificate's "who").</summary>
    public string? VolunteerName { get; init; }

    /// <summary>Check-ins: the roster's sign-up checked in (the activities' attended / no-show reads it).</summary>
    public string? SignUpId { get; init; }

    /// <summary>A participant's check-in (served, not serving): attendance only, never hours.</summary>
    public bool Participant { get; init; }

    public DateTimeOffset? CheckedInAt { get; init; }

    public DateTimeOffset? CheckedOutAt { get; init; }

    /// <summary>The volunteer did not check out: closed at the session's end by the system, for the organiser to look at.</summary>
    public bool AutoClosed { get; init; }

    /// <summary>Attendance and 补录: minutes credited; a correction request: minutes asked; its acceptance: minutes granted.</summary>
    public int? Minutes { get; init; }

    /// <summary>Attendance: whether it covered enough of the session for hours (<see cref="HoursRules"/>).</summary>
    public bool? CoversSession { get; init; }

    /// <summary>Decisions: approved / declined (a record) or accepted / refused (a correction).</summary>
    public bool? Approved { get; init; }

    /// <summary>Which correction a correction's decision answers.</summary>
    public string? CorrectionId { get; init; }

    public string? Reason { get; init; }

    /// <summary>Who wrote the entry (the organiser for decisions and 补录, the volunteer otherwise).</summary>
    public string? ByUserId { get; init; }

    public string? ByName { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }
}

public enum HoursEntryKind
{
    CheckIn,
    Attendance,
    Decision,
    Offline,
    CorrectionRequest,
    CorrectionDecision,
}

/// <summary>
/// The service an entry is about: the activity, its session, where (the node and its path, for the numbers) and who
/// organised it (a team, or the staff's organisation). A 补录 of service outside a session has no session.
/// </summary>
public sealed record HoursService(
    string ActivityId,
    string ActivityTitle,
    string? SessionId,
    DateTimeOffset Start,
    DateTimeOffset End,
    string OrgId,
    IReadOnlyList<string> OrgPath,
    string? TeamId,
    string OrganiserName);
