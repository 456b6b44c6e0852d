using System.Runtime.CompilerServices;
using GongTongDizao.Core.Privacy;

namespace GongTongDizao.Core.Features.Volunteers;

/// <summary>What the volunteer side holds about a person: the profile, and the teams they are in or asked to join.</summary>
public sealed record VolunteerExport(VolunteerProfile? Profile, IReadOnlyList<VolunteerTeamExport> Teams);

public sealed record VolunteerTeamExport(string TeamId, string TeamName, string Role, DateTimeOffset Since);

/// <summary>
/// Deletion removes the profile (real name, birth year, guardian's consent) outright and takes the person out of every
/// team and pending request: a service record needs them no more, and the orders they served keep only a pseudonym.
/// </summary>
public sealed class VolunteerPersonalData(VolunteerStore profiles, TeamStore teams) : IPersonalDataSource
{
    public string Kind => "volunteer";

    public async IAsyncEnumerable<object> ExportAsync(string userId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var profile = await profiles.FindAsync(userId, cancellationToken);
        var mine = new List<VolunteerTeamExport>();
        await foreach (var team in teams.OfPersonAsync(userId, cancellationToken))
        {
            if (team.Member(userId) is { } member)
            {
                mine.Add(new VolunteerTeamExport(team.Id, team.Name, member.Leader ? "leader" : "member", member.JoinedAt));
            }
            else if (team.JoinRequests.FirstOrDefault(r => r.UserId == userId) is { } request)
            {
                mine.Add(new VolunteerTeamExport(team.Id, team.Name, "pending", request.At));
            }
        }

        if (profile is not null || mine.Count > 0)
        {
            yield return new VolunteerExport(profile is null ? null : profile with { ETag = null }, mine);
        }
    }

    public async Task AnonymiseAsync(string userId, string pseudonym, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        await foreach (var team in teams.OfPersonAsync(userId, cancellationToken))
        {
            ids.Add(team.Id);
        }

        foreach (var id in ids)
        {
            for (var attempt = 0; attempt < 10; attempt++)
            {
                if (await teams.FindAsync(id, cancellationToken) is not { } team)
                {
                    break;
                }

                var left = team with { Members = [.. team.Members.Where(m => m.UserId != userId)], JoinRequests = [.. team.JoinRequests.Where(r => r.UserId != userId)] };
                if (await teams.TryReplaceAsync(left, cancellationToken) is not null)
                {
                    break;
                }
            }
        }

        await profiles.DeleteAsync(userId, cancellationToken);
    }
}
