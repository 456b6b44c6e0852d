namespace GongTongDizao.Core.Features.Volunteers;

/// <summary>The caller's own volunteer profile (one point read); 404 until they register.</summary>
public sealed class GetVolunteerProfile(VolunteerStore profiles, TimeProvider time)
{
    public async Task<Result<VolunteerProfileView>> HandleAsync(Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return await profiles.FindAsync(caller.Id, cancellationToken) is { } profile
            ? SaveVolunteerProfile.View(profile, time.GetUtcNow())
            : Error.NotFound();
    }
}
