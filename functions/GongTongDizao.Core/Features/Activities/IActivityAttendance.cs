namespace GongTongDizao.Core.Features.Activities;

/// <summary>
/// Who checked in to a session, as the check-in of #25 (the hours feature) records it: the session's end reads it to
/// record each registered sign-up as attended or no-show. Keyed by <see cref="SignUp.Id"/>, for either role.
/// </summary>
public interface IActivityAttendance
{
    Task<IReadOnlySet<string>> CheckedInSignUpsAsync(string activityId, string sessionId, CancellationToken cancellationToken);
}

/// <summary>Until a check-in feature registers its own: nobody checked in.</summary>
public sealed class NoAttendanceRecorded : IActivityAttendance
{
    public Task<IReadOnlySet<string>> CheckedInSignUpsAsync(string activityId, string sessionId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlySet<string>>(new HashSet<string>());
}
