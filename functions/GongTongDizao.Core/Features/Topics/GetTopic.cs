namespace GongTongDizao.Core.Features.Topics;

/// <summary>One topic by id with the caller's own second and evaluation: one single-partition query. Held and hidden topics only for author and staff.</summary>
public sealed class GetTopic(TopicStore store, TopicAccess access, TopicViews views)
{
    public async Task<Result<TopicView>> HandleAsync(Caller caller, string topicId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var (topic, mine) = await store.FindForViewerAsync(topicId, caller.Id, cancellationToken);
        if (topic is null)
        {
            return Error.NotFound();
        }

        var roles = await access.RolesAsync(caller, topic, cancellationToken);
        return TopicAccess.CanRead(topic, roles) ? await views.CreateAsync(topic, caller, roles, mine, cancellationToken) : Error.NotFound();
    }
}
