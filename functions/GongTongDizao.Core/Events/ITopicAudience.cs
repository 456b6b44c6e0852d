namespace GongTongDizao.Core.Events;

/// <summary>
/// The people around a topic, streamed (never a whole audience in memory). Implemented by the Topics feature,
/// used by Notifications to resolve the audiences of topic events. All reads are single-partition (communityId).
/// </summary>
public interface ITopicAudience
{
    IAsyncEnumerable<string> AuthorAndSecondersAsync(string communityId, string topicId, CancellationToken cancellationToken);

    IAsyncEnumerable<string> SecondersAndRegistrantsAsync(string communityId, string topicId, CancellationToken cancellationToken);

    /// <summary>Author, seconders, commenters and meeting registrants, each once.</summary>
    IAsyncEnumerable<string> ParticipantsAsync(string communityId, string topicId, CancellationToken cancellationToken);
}
