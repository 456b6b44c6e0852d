namespace GongTongDizao.Core.Features.Hours;

public sealed record VolunteerHoursCount(string VolunteerId, string? Name, int ApprovedMinutes, decimal ApprovedHours);

public sealed record TeamHoursCount(string? TeamId, string Organiser, int Volunteers, int ApprovedMinutes, decimal ApprovedHours);

/// <summary>
/// Volunteer hours for one node and period (service that started in it): volunteers active (checked in or 补录 at least
/// once), records, what is approved and what still waits, per volunteer and per organising team (staff-organised
/// activities count under their organiser's name with no team).
/// </summary>
public sealed record HoursStats(
    string OrgId,
    DateTimeOffset From,
    DateTimeOffset To,
    int VolunteersActive,
    int Records,
    int ApprovedRecords,
    int ApprovedMinutes,
    decimal ApprovedHours,
    int PendingMinutes,
    int AutoClosed,
    int Offline,
    IReadOnlyList<VolunteerHoursCount> PerVolunteer,
    IReadOnlyList<TeamHoursCount> PerTeam);

/// <summary>Pure arithmetic over the ledger's records, so that a hand count in a unit test can check it.</summary>
public static class HoursStatistics
{
    public static HoursStats Compute(string orgId, DateTimeOffset from, DateTimeOffset to, IReadOnlyList<HoursRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var served = records;
        var approved = served.Where(r => r.Status == HoursRecordStatus.Approved).ToList();
        var minutes = approved.Sum(r => r.Minutes);
        return new HoursStats(
            orgId,
            from,
            to,
            served.Select(r => r.VolunteerId).Distinct(StringComparer.Ordinal).Count(),
            served.Count,
            approved.Count,
            minutes,
            HoursRules.ToHours(minutes),
            served.Where(r => r.Status == HoursRecordStatus.Pending).Sum(r => r.Minutes),
            served.Count(r => r.AutoClosed),
            served.Count(r => r.Offline),
            [.. approved.GroupBy(r => r.VolunteerId, StringComparer.Ordinal)
                .Select(g => new VolunteerHoursCount(g.Key, g.Select(r => r.VolunteerName).FirstOrDefault(n => n is not null), g.Sum(r => r.Minutes), HoursRules.ToHours(g.Sum(r => r.Minutes))))
                .OrderByDescending(v => v.ApprovedMinutes).ThenBy(v => v.VolunteerId, StringComparer.Ordinal)],
            [.. served.GroupBy(r => (r.Service.TeamId, r.Service.OrganiserName))
                .Select(g => new TeamHoursCount(
                    g.Key.TeamId,
                    g.Key.OrganiserName,
                    g.Select(r => r.VolunteerId).Distinct(StringComparer.Ordinal).Count(),
                    g.Where(r => r.Status == HoursRecordStatus.Approved).Sum(r => r.Minutes),
                    HoursRules.ToHours(g.Where(r => r.Status == HoursRecordStatus.Approved).Sum(r => r.Minutes))))
                .OrderByDescending(t => t.ApprovedMinutes).ThenBy(t => t.Organiser, StringComparer.Ordinal)]);
    }
}
