using System.Runtime.CompilerServices;
using GongTongDizao.Core.Authorization;
using GongTongDizao.Core.Features.Orgs;
using GongTongDizao.Core.Moderation;
using Microsoft.Azure.Cosmos;
using Permission = GongTongDizao.Core.Authorization.Permission;

namespace GongTongDizao.Core.Features.Topics;

/// <summary>
/// Topics whose text the check held: approving publishes them (seconding opens), rejecting hides them. The held
/// listing crosses partitions but only finds the few held topics.
/// </summary>
public sealed class HeldTopicModeration(TopicStore store, TopicAccess access, TopicPublishing publishing, TopicWriter writer, OrgDirectory orgs) : IModerationSource
{
    public string ItemType => "topic";

    public async IAsyncEnumerable<ModerationItem> HeldAsync(IReadOnlyList<string> scopeRootOrgIds, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scopeRootOrgIds);
        var query = new QueryDefinition("SELECT * FROM t WHERE t.type = @type AND t.status = @held")
            .WithParameter("@type", Topic.DocumentType).WithParameter("@held", TopicWriter.StatusName(TopicStatus.Held));
        await foreach (var topic in store.QueryAsync<Topic>(query, null, cancellationToken))
        {
            if (await TopicModerationScope.CoversAsync(orgs, scopeRootOrgIds, topic.CommunityId, cancellationToken))
            {
                yield return new ModerationItem(topic.Id, ItemType, topic.CommunityId, "内容安全检测待人工审核", Preview(topic.Title + "：" + topic.Description), topic.CreatedAt);
            }
        }
    }

    public async Task<Result<NoContent>> DecideAsync(Caller moderator, string itemId, bool approve, string? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(moderator);
        var topic = await store.FindAsync(itemId, cancellationToken);
        if (topic is null)
        {
            return Error.NotFound();
        }

        var roles = await access.RolesAsync(moderator, topic, cancellationToken) & TopicRole.Moderator;
        if (roles == TopicRole.None)
        {
            return OutOfScope(moderator);
        }

        var to = TopicStateMachine.Decide(topic.Status, approve ? TopicAction.Approve : TopicAction.RejectContent, roles);
        if (!to.IsSuccess)
        {
            return to.Error;
        }

        var after = approve ? publishing.Open(topic) : topic with { Status = to.Value, StatusReason = reason ?? "内容不符合社区规范" };
        var saved = await writer.SaveAsync(topic, after, approve ? "topic.approved" : "topic.rejected_by_moderator", moderator.Id, reason, [], cancellationToken);
        if (!saved.IsSuccess)
        {
            return saved.Error;
        }

        if (approve)
        {
            await publishing.AfterOpenedAsync(saved.Value, cancellationToken);
        }

        return new NoContent();
    }

    /// <summary>
    /// Not a moderator: 403. A moderator of another area: held text is not theirs to see, so it does not exist for
    /// them (404, as <c>GET /topics/{id}</c> answers), and an id confirms nothing.
    /// </summary>
    internal static Error OutOfScope(Caller caller) =>
        Authorizer.ScopeRoots(caller.User, Permission.ModerateContent).Count == 0 ? Error.Forbidden() : Error.NotFound();

    internal static string Preview(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
