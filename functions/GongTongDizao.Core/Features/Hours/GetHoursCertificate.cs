using GongTongDizao.Core.Features.Volunteers;

namespace GongTongDizao.Core.Features.Hours;

/// <summary>One line of a 志愿服务证明: what, when, how long, organised and confirmed by whom.</summary>
public sealed record CertificateLine(string RecordId, string Activity, DateTimeOffset Start, DateTimeOffset End, string Organiser, int Minutes, decimal Hours, string? ConfirmedBy, DateTimeOffset? ConfirmedAt, bool Offline);

/// <summary>
/// What a 志愿服务证明 (《志愿服务记录与证明出具办法》) states: the volunteer's real name, the approved records (only
/// confirmed service is certified), the organisers, and the total; issued at. The organiser prints or stamps it; the
/// app does not sign on anyone's behalf.
/// </summary>
public sealed record HoursCertificate(string VolunteerName, DateTimeOffset IssuedAt, int TotalMinutes, decimal TotalHours, IReadOnlyList<string> Organisers, IReadOnlyList<CertificateLine> Lines);

/// <summary>The volunteer's certificate data, from their profile (the real name) and their approved records.</summary>
public sealed class GetHoursCertificate(HoursLedger ledger, VolunteerStore volunteers, TimeProvider time)
{
    public async Task<Result<HoursCertificate>> HandleAsync(Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        // Without a volunteer profile nobody can have checked in or been given 补录: an empty certificate in the account's name.
        var profile = await volunteers.FindAsync(caller.Id, cancellationToken);
        var entries = new List<HoursEntry>();
        await foreach (var entry in ledger.OfVolunteerAsync(caller.Id, cancellationToken))
        {
            entries.Add(entry);
        }

        return Certify(profile?.RealName ?? caller.User.DisplayName ?? "", time.GetUtcNow(), HoursRecords.Fold(entries));
    }

    public static HoursCertificate Certify(string name, DateTimeOffset issuedAt, IReadOnlyList<HoursRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var approved = records.Where(r => r.Status == HoursRecordStatus.Approved).OrderBy(r => r.Service.Start).ToList();
        var total = approved.Sum(r => r.Minutes);
        return new HoursCertificate(
            name,
            issuedAt,
            total,
            HoursRules.ToHours(total),
            [.. approved.Select(r => r.Service.OrganiserName).Distinct(StringComparer.Ordinal)],
            [.. approved.Select(r => new CertificateLine(r.Id, r.Service.ActivityTitle, r.Service.Start, r.Service.End, r.Service.OrganiserName, r.Minutes, HoursRules.ToHours(r.Minutes), r.ConfirmedBy, r.ConfirmedAt, r.Offline))]);
    }
}
