using GongTongDizao.Core.Authorization;
using GongTongDizao.Core.Features.Identity;
using GongTongDizao.Core.Features.Orgs;
using Microsoft.Azure.Cosmos;
using Permission = GongTongDizao.Core.Authorization.Permission;

namespace GongTongDizao.Core.Features.Topics;

/// <summary>The staff topic listing's query string, as it arrives: every part optional.</summary>
public sealed record StaffTopicsQuery(string? OrgId, string? Status, string? NeedsAction, string? Continuation);

/// <summary>One row for staff: which community, whether it waits for them, and the next meeting if one is scheduled.</summary>
public sealed record StaffTopicItem(
    string Id,
    string Title,
    TopicStatus Status,
    OrgRef Community,
    long SecondCount,
    bool NeedsAction,
    DateTimeOffset? NextMeetingAt,
    DateTimeOffset CreatedAt);

public sealed record StaffTopicList(IReadOnlyList<StaffTopicItem> Items, string? Continuation);

/// <summary>
/// Topics across the whole subtree a women's representative or federation worker covers (or one org of it), newest
/// first, filterable by status and by "needs action". A topic needs action when its next step is staff's:
/// deliberating (schedule a meeting, record the minutes, decide), delivering (plan the deed, report progress, mark it
/// delivered) or evaluating (close it or send it back). Held and hidden topics are the moderators' and never listed.
/// One query on the communities of the scope: single-partition for a community, cross-partition above.
/// </summary>
public sealed class ListStaffTopics(TopicStore store, Authorizer authorizer, OrgDirectory orgs, TimeProvider time, PageTokens tokens)
{
    private const string List = "staff/topics";

    /// <summary>The statuses in which staff act next.</summary>
    public static readonly IReadOnlyList<TopicStatus> NeedingAction = [TopicStatus.Deliberating, TopicStatus.Delivering, TopicStatus.Evaluating];

    public async Task<Result<StaffTopicList>> HandleAsync(Caller caller, StaffTopicsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(query);
        var roots = Authorizer.ScopeRoots(caller.User, Permission.ManageDeliberation);
        if (roots.Count == 0)
        {
            return Error.Forbidden("只有妇联工作人员和妇女代表可以查看辖区议题");
        }

        TopicStatus? status = null;
        if (!string.IsNullOrEmpty(query.Status))
        {
            if (!Enum.GetValues<TopicStatus>().Any(s => TopicWriter.StatusName(s) == query.Status) || query.Status is "held" or "hidden")
            {
                return Error.Validation("status", "不支持的状态");
            }

            status = Enum.GetValues<TopicStatus>().First(s => TopicWriter.StatusName(s) == query.Status);
        }

        bool? needsAction = query.NeedsAction switch
        {
            null or "" => null,
            "true" => true,
            "false" => false,
            _ => null,
        };
        if (needsAction is null && !string.IsNullOrEmpty(query.NeedsAction))
        {
            return Error.Validation("needsAction", "只能是 true 或 false");
        }

        // A token is only good for the same caller and the same filters.
        var binding = $"{caller.Id}|{query.OrgId}|{status}|{needsAction}";
        if (!tokens.TryOpen(query.Continuation, List, binding, out var position))
        {
            return PageTokens.Invalid();
        }

        var all = await orgs.AllAsync(cancellationToken);
        IReadOnlyList<OrgUnit> tops;
        if (!string.IsNullOrEmpty(query.OrgId))
        {
            var org = await orgs.FindAsync(query.OrgId, cancellationToken);
            if (org is null)
            {
                return Error.Validation("orgId", "组织不存在");
            }

            if (!await authorizer.CanAsync(caller.User, Permission.ManageDeliberation, org.Id, cancellationToken))
            {
                return Error.Forbidden("该组织不在您的负责范围内");
            }

            tops = [org];
        }
        else
        {
            tops = [.. roots.Select(r => all.FirstOrDefault(o => o.Id == r)).OfType<OrgUnit>()];
        }

        var communities = all.Where(o => o.Level == OrgLevel.Community && tops.Any(t => t.Covers(o))).Select(o => o.Id).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (communities.Length == 0)
        {
            return new StaffTopicList([], null);
        }

        var statuses = (status, needsAction) switch
        {
            ({ } s, true) => NeedingAction.Contains(s) ? [s] : [],
            ({ } s, false) => NeedingAction.Contains(s) ? [] : [s],
            ({ } s, null) => [s],
            (null, true) => NeedingAction,
            (null, false) => [.. Enum.GetValues<TopicStatus>().Where(s => s is not (TopicStatus.Held or TopicStatus.Hidden) && !NeedingAction.Contains(s))],
            (null, null) => (IReadOnlyList<TopicStatus>)[.. Enum.GetValues<TopicStatus>().Where(s => s is not (TopicStatus.Held or TopicStatus.Hidden))],
        };
        if (statuses.Count == 0)
        {
            return new StaffTopicList([], null);
        }

        var single = communities.Length == 1 ? communities[0] : null;
        var sql = single is null
            ? "SELECT * FROM t WHERE t.type = @type AND ARRAY_CONTAINS(@communities, t.communityId) AND ARRAY_CONTAINS(@statuses, t.status) ORDER BY t.createdAt DESC"
            : "SELECT * FROM t WHERE t.communityId = @community AND t.type = @type AND ARRAY_CONTAINS(@statuses, t.status) ORDER BY t.createdAt DESC";
        var definition = new QueryDefinition(sql)
            .WithParameter("@type", Topic.DocumentType)
            .WithParameter("@statuses", statuses.Select(TopicWriter.StatusName).ToArray());
        definition = single is null ? definition.WithParameter("@communities", communities) : definition.WithParameter("@community", single);
        var page = await store.PageAsync<Topic>(definition, single, position, cancellationToken);
        var now = time.GetUtcNow();
        var names = all.ToDictionary(o => o.Id, o => o.Name, StringComparer.Ordinal);
        return new StaffTopicList(
            [.. page.Items.Select(t => new StaffTopicItem(
                t.Id,
                t.Title,
                t.Status,
                new OrgRef(t.CommunityId, names.GetValueOrDefault(t.CommunityId) ?? t.CommunityId),
                t.SecondCount,
                NeedingAction.Contains(t.Status),
                t.Meetings.Where(m => m.Status == MeetingStatus.Scheduled && m.StartsAt > now).Select(m => (DateTimeOffset?)m.StartsAt).Min(),
                t.CreatedAt))],
            tokens.Seal(List, binding, page.Position));
    }
}
