using GongTongDizao.Core.Authorization;

namespace GongTongDizao.Core.Features.Topics;

/// <summary>What the caller is to a topic's community, for <see cref="TopicStateMachine"/>. Scope only through <see cref="Authorizer"/>.</summary>
public sealed class TopicAccess(Authorizer authorizer)
{
    public async Task<TopicRole> RolesAsync(Caller caller, string communityId, string? authorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var roles = TopicRole.None;
        if (authorId is not null && caller.Id == authorId)
        {
            roles |= TopicRole.Author;
        }

        if (caller.User.HomeCommunityId == communityId)
        {
            roles |= TopicRole.Resident;
        }

        if (await authorizer.CanAsync(caller.User, Permission.ManageDeliberation, communityId, cancellationToken))
        {
            roles |= TopicRole.Staff;
        }

        if (await authorizer.CanAsync(caller.User, Permission.ModerateContent, communityId, cancellationToken))
        {
            roles |= TopicRole.Moderator;
        }

        return roles;
    }

    public Task<TopicRole> RolesAsync(Caller caller, Topic topic, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topic);
        return RolesAsync(caller, topic.CommunityId, topic.AuthorId, cancellationToken);
    }

    /// <summary>Held and hidden topics are for their author, staff and moderators only.</summary>
    public static bool CanRead(Topic topic, TopicRole roles)
    {
        ArgumentNullException.ThrowIfNull(topic);
        return topic.Status is not (TopicStatus.Held or TopicStatus.Hidden)
            || (roles & (TopicRole.Author | TopicRole.Staff | TopicRole.Moderator)) != TopicRole.None;
    }
}
