namespace GongTongDizao.Core.Events;

/// <summary>
/// The leaders of volunteer teams, streamed. Implemented by the Volunteers feature, used by Notifications to resolve
/// the audiences of order events offered to teams (dispatched to one, pooled for all serving a community).
/// </summary>
public interface ITeamAudience
{
    IAsyncEnumerable<string> LeadersAsync(string teamId, CancellationToken cancellationToken);

    /// <summary>The leaders of every team whose node covers the community (its own node or an ancestor), each once.</summary>
    IAsyncEnumerable<string> LeadersServingAsync(string communityId, IReadOnlyList<string> communityPath, CancellationToken cancellationToken);
}
