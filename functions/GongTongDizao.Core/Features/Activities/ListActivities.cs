namespace GongTongDizao.Core.Features.Activities;

/// <summary>Paging and filters as they arrive in the query string: all optional.</summary>
public sealed record ActivityListQuery(string? OrgId, string? Kind, string? Upcoming, string? Continuation, string? PageSize);

/// <summary>
/// Activities under a node (the caller's home community's ancestors are the natural choice, so the default is the
/// caller's home community), optionally of one kind and only those not yet over, soonest first; public fields only.
/// Cancelled ones stay, marked with their reason. Each session shows its places left and whether people wait, from the
/// seat summaries the rosters keep: one more query per page (all its activities' rosters, projected), never one per item.
/// </summary>
public sealed class ListActivities(ActivityStore store, RosterStore rosters, PageTokens tokens, TimeProvider time)
{
    public const int MaxPageSize = 50;
    private const string List = "activities";

    public async Task<Result<ActivityPage>> HandleAsync(Caller caller, ActivityListQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(query);
        var pageSize = PageSizes.Parse(query.PageSize, MaxPageSize);
        if (!pageSize.IsSuccess)
        {
            return pageSize.Error;
        }

        var kind = Enum.GetValues<ActivityKind>().Where(k => Orders.OrderCategories.Code(k) == query.Kind).Cast<ActivityKind?>().FirstOrDefault();
        if (!string.IsNullOrEmpty(query.Kind) && kind is null)
        {
            return Error.Validation("kind", "活动类型有误");
        }

        var upcoming = query.Upcoming switch
        {
            null or "" or "false" => false,
            "true" => true,
            _ => (bool?)null,
        };
        if (upcoming is null)
        {
            return Error.Validation("upcoming", "upcoming 只能是 true 或 false");
        }

        if (query.OrgId is { Length: > 32 })
        {
            return Error.Validation("orgId", "组织编号有误");
        }

        if ((query.OrgId ?? caller.User.HomeCommunityId) is not { } orgId)
        {
            return Error.Validation("orgId", "请选择组织，或先在“我的”中设置所在社区");
        }

        // The filters are bound into the position, so a page token cannot be replayed with other filters.
        var binding = $"{orgId}|{query.Kind}|{upcoming}";
        if (!tokens.TryOpen(query.Continuation, List, binding, out var position))
        {
            return PageTokens.Invalid();
        }

        var page = await store.PageAsync(orgId, kind, upcoming.Value ? time.GetUtcNow() : null, position, pageSize.Value, cancellationToken);
        var seats = await rosters.SeatsOfAsync([.. page.Items.Where(a => a.Status == ActivityStatus.Published).Select(a => a.Id)], cancellationToken);
        return new ActivityPage(
            [.. page.Items.Select(a => ActivityViews.Summary(a, seats.GetValueOrDefault(a.Id) ?? new Dictionary<string, SeatSummary>()))],
            tokens.Seal(List, binding, page.Position));
    }
}
