using GongTongDizao.Core.Authorization;
using GongTongDizao.Core.Features.Identity;
using GongTongDizao.Core.Features.Volunteers;

namespace GongTongDizao.Core.Features.Orders;

/// <summary>
/// Who the caller is towards one order: its requester, the league office in scope, and the teams of theirs it is
/// offered to or served by. <see cref="Teams"/> are only teams the caller belongs to.
/// </summary>
public sealed record OrderReader(IReadOnlySet<OrderActor> Actors, IReadOnlyList<Team> Teams, bool SeesContact)
{
    public bool Exists => Actors.Count > 0 || Teams.Count > 0;

    /// <summary>Every team the caller belongs to, when they were read (null when the order could not relate to any).</summary>
    public IReadOnlyList<Team>? MemberTeams { get; init; }
}

/// <summary>
/// The one place deciding who may see and act on an order. Orders are private: to anyone who is none of the above
/// an order does not exist (404). A team relates to an order dispatched to it or served by it, and, while the
/// order is pooled, when its node covers the order's community; held text reaches no team before the office approved it.
/// </summary>
public sealed class OrderAccess(Authorizer authorizer, TeamStore teams)
{
    public async Task<OrderReader> ReaderAsync(UserAccount user, Order order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(order);
        var actors = new HashSet<OrderActor>();
        if (order.RequesterId == user.Id)
        {
            actors.Add(OrderActor.Requester);
        }

        if (await authorizer.CanAsync(user, Permission.RunVolunteerService, order.CommunityId, cancellationToken))
        {
            actors.Add(OrderActor.Office);
        }

        // Only an order offered to or served by teams can relate to one: spares the team query on every other read.
        if (order.Team is null && order.Status != OrderStatus.Pooled)
        {
            return Decide(actors, null, order);
        }

        var mine = new List<Team>();
        await foreach (var team in teams.OfMemberAsync(user.Id, cancellationToken))
        {
            mine.Add(team);
        }

        return Decide(actors, mine, order);
    }

    /// <summary>The same caller towards the order after a change they made (no store call: their teams were read before).</summary>
    public static OrderReader Refresh(OrderReader before, Order order)
    {
        ArgumentNullException.ThrowIfNull(before);
        var actors = before.Actors.Where(a => a != OrderActor.Team).ToHashSet();
        return Decide(actors, before.MemberTeams, order);
    }

    private static OrderReader Decide(HashSet<OrderActor> actors, IReadOnlyList<Team>? memberTeams, Order order)
    {
        var related = memberTeams?.Where(t => Relates(t, order)).ToList() ?? [];
        if (related.Count > 0)
        {
            actors.Add(OrderActor.Team);
        }

        var serving = order.Team is { } t && related.Any(m => m.Id == t.TeamId);
        return new OrderReader(actors, related, serving && OrderLifecycle.IsOpenForTeam(order.Status)) { MemberTeams = memberTeams };
    }

    /// <summary>The team relates to the order: it is dispatched to or served by it, or pooled in its area.</summary>
    public static bool Relates(Team team, Order order)
    {
        ArgumentNullException.ThrowIfNull(team);
        ArgumentNullException.ThrowIfNull(order);
        return order.Team?.TeamId == team.Id || (order.Status == OrderStatus.Pooled && Serves(team, order));
    }

    /// <summary>The team's node covers the order's community.</summary>
    public static bool Serves(Team team, Order order)
    {
        ArgumentNullException.ThrowIfNull(team);
        ArgumentNullException.ThrowIfNull(order);
        return order.OrgPath.Contains(team.OrgId, StringComparer.Ordinal);
    }
}
