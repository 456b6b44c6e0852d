using System.Runtime.CompilerServices;
using GongTongDizao.Core.Events;
using Microsoft.Azure.Cosmos;

namespace GongTongDizao.Core.Features.Topics;

/// <summary>
/// The people around a topic for notifications, streamed from single-partition queries. Duplicates are skipped
/// without holding a whole audience in memory: seconders are unique by their document id, commenters come ordered by
/// author so repeats are adjacent, and later groups skip people an earlier group already yielded by a point read.
/// </summary>
public sealed class TopicAudience(TopicStore store) : ITopicAudience
{
    public async IAsyncEnumerable<string> AuthorAndSecondersAsync(string communityId, string topicId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var topic = await store.ReadAsync<Topic>(topicId, communityId, cancellationToken);
        if (topic is null)
        {
            yield break;
        }

        yield return topic.AuthorId;
        await foreach (var seconder in SecondersAsync(communityId, topicId, cancellationToken))
        {
            if (seconder != topic.AuthorId)
            {
                yield return seconder;
            }
        }
    }

    public async IAsyncEnumerable<string> SecondersAndRegistrantsAsync(string communityId, string topicId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var topic = await store.ReadAsync<Topic>(topicId, communityId, cancellationToken);
        if (topic is null)
        {
            yield break;
        }

        await foreach (var seconder in SecondersAsync(communityId, topicId, cancellationToken))
        {
            yield return seconder;
        }

        foreach (var registrant in topic.RegistrantIds)
        {
            if (!await HasSecondedAsync(communityId, topicId, registrant, cancellationToken))
            {
                yield return registrant;
            }
        }
    }

    public async IAsyncEnumerable<string> ParticipantsAsync(string communityId, string topicId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var topic = await store.ReadAsync<Topic>(topicId, communityId, cancellationToken);
        if (topic is null)
        {
            yield break;
        }

        yield return topic.AuthorId;
        await foreach (var seconder in SecondersAsync(communityId, topicId, cancellationToken))
        {
            if (seconder != topic.AuthorId)
            {
                yield return seconder;
            }
        }

        var commenters = new QueryDefinition("SELECT VALUE c.authorId FROM c WHERE c.communityId = @c AND c.type = @type AND c.topicId = @t ORDER BY c.authorId")
            .WithParameter("@c", communityId).WithParameter("@type", Comment.DocumentType).WithParameter("@t", topicId);
        string? previous = null;
        await foreach (var commenter in store.QueryAsync<string>(commenters, communityId, cancellationToken))
        {
            if (commenter == previous)
            {
                continue;
            }

            previous = commenter;
            if (commenter != topic.AuthorId && !await HasSecondedAsync(communityId, topicId, commenter, cancellationToken))
            {
                yield return commenter;
            }
        }

        foreach (var registrant in topic.RegistrantIds)
        {
            if (registrant != topic.AuthorId
                && !await HasSecondedAsync(communityId, topicId, registrant, cancellationToken)
                && !await HasCommentedAsync(communityId, topicId, registrant, cancellationToken))
            {
                yield return registrant;
            }
        }
    }

    private IAsyncEnumerable<string> SecondersAsync(string communityId, string topicId, CancellationToken cancellationToken) =>
        store.QueryAsync<string>(
            new QueryDefinition("SELECT VALUE s.userId FROM s WHERE s.communityId = @c AND s.type = @type AND s.topicId = @t")
                .WithParameter("@c", communityId).WithParameter("@type", Second.DocumentType).WithParameter("@t", topicId),
            communityId,
            cancellationToken);

    private async Task<bool> HasSecondedAsync(string communityId, string topicId, string userId, CancellationToken cancellationToken) =>
        await store.ReadAsync<Second>(Second.IdFor(topicId, userId), communityId, cancellationToken) is not null;

    private async Task<bool> HasCommentedAsync(string communityId, string topicId, string userId, CancellationToken cancellationToken)
    {
        var query = new QueryDefinition("SELECT VALUE COUNT(1) FROM c WHERE c.communityId = @c AND c.type = @type AND c.topicId = @t AND c.authorId = @u")
            .WithParameter("@c", communityId).WithParameter("@type", Comment.DocumentType).WithParameter("@t", topicId).WithParameter("@u", userId);
        await foreach (var count in store.QueryAsync<long>(query, communityId, cancellationToken))
        {
            if (count > 0)
            {
                return true;
            }
        }

        return false;
    }
}
