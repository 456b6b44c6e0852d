using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using GongTongDizao.Core.Authorization;
using GongTongDizao.Core.Events;
using GongTongDizao.Core.Features.Identity;
using GongTongDizao.Core.Features.Orgs;
using Permission = GongTongDizao.Core.Authorization.Permission;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>
/// The people an event concerns, streamed. <see cref="Accepts"/>, when set, is a per-person check the fan-out runs
/// in parallel (a broadcast's opt-in), so the candidates are never collected first.
/// </summary>
public sealed record Audience(IAsyncEnumerable<string> Candidates, Func<string, CancellationToken, Task<bool>>? Accepts = null)
{
    public static Audience Empty { get; } = new(AsyncEnumerable.Empty<string>());
}

/// <summary>One page of a broadcast's audience and where the next one starts (null: this was the last).</summary>
public sealed record ResidentPage(IReadOnlyList<string> Ids, FanOutCursor? Next);

/// <summary>
/// Who hears of each event type:
/// letter.submitted → youth-league workers whose role covers the community; letter.accepted and letter.replied → the
/// author; letter.overdue → youth-league workers bound above the community (street and up); letter.assigned → the
/// assigned worker; letter.marked_duplicate → the author; topic.threshold_reached → women's representatives and
/// federation workers covering the community, and the topic's proposer and seconders; topic.meeting_scheduled → seconders and
/// registrants; topic.decided → author and seconders; topic.completed → every participant (asked to evaluate);
/// broadcast.created → residents of the subtree who opted in to that audience, a page at a time; order.submitted, order.take_overdue and
/// order.rated_low → youth-league workers covering the community; order.approved, rejected, taken and delivered → the
/// requester; order.dispatched → the team's leaders; order.pooled → the leaders of every team serving the community;
/// activity.deed_scheduled → the topic's author and seconders; activity.seat_offered, session_reminder,
/// signup_confirmed and signup_declined → the person who signed up.
/// </summary>
public sealed class AudienceResolver(AudienceStore people, OrgDirectory orgs, ITopicAudience topics, ITeamAudience teams)
{
    private const int CommunitiesPerQuery = 50;

    /// <summary>The people of every event but a broadcast, whose audience is read page by page (<see cref="ResidentsPageAsync"/>).</summary>
    public async Task<Audience> ResolveAsync(DomainEvent domainEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        var org = await orgs.FindAsync(domainEvent.OrgId, cancellationToken);
        if (org is null && domainEvent.Type is EventTypes.LetterSubmitted or EventTypes.LetterOverdue or EventTypes.TopicThresholdReached
            or EventTypes.OrderSubmitted or EventTypes.OrderTakeOverdue or EventTypes.OrderRatedLow or EventTypes.OrderPooled)
        {
            org = await RequiredOrgAsync(domainEvent, cancellationToken);
        }

        return domainEvent.Type switch
        {
            EventTypes.LetterSubmitted when org is not null => new(StaffBoundAtAsync([.. org.Path, org.Id], Authorizer.RolesGranting(Permission.HandleLetters), cancellationToken)),
            EventTypes.LetterOverdue when org is not null => new(StaffBoundAtAsync(org.Path, Authorizer.RolesGranting(Permission.HandleLetters), cancellationToken)),
            EventTypes.TopicThresholdReached when org is not null => new(Distinct(
                StaffBoundAtAsync([.. org.Path, org.Id], Authorizer.RolesGranting(Permission.ManageDeliberation), cancellationToken),
                topics.AuthorAndSecondersAsync(domainEvent.OrgId, domainEvent.EntityId, cancellationToken))),
            EventTypes.LetterAccepted or EventTypes.LetterReplied or EventTypes.LetterMarkedDuplicate => Text(domainEvent.Data, "authorId") is { } author ? new(One(author)) : Audience.Empty,
            EventTypes.LetterAssigned => Text(domainEvent.Data, "assigneeId") is { } assignee ? new(One(assignee)) : Audience.Empty,
            EventTypes.TopicMeetingScheduled => new(topics.SecondersAndRegistrantsAsync(domainEvent.OrgId, domainEvent.EntityId, cancellationToken)),
            EventTypes.TopicDecided => new(topics.AuthorAndSecondersAsync(domainEvent.OrgId, domainEvent.EntityId, cancellationToken)),
            EventTypes.TopicCompleted => new(topics.ParticipantsAsync(domainEvent.OrgId, domainEvent.EntityId, cancellationToken)),
            EventTypes.OrderSubmitted or EventTypes.OrderTakeOverdue or EventTypes.OrderRatedLow when org is not null =>
                new(StaffBoundAtAsync([.. org.Path, org.Id], Authorizer.RolesGranting(Permission.RunVolunteerService), cancellationToken)),
            EventTypes.OrderApproved or EventTypes.OrderRejected or EventTypes.OrderTaken or EventTypes.OrderDelivered =>
                Text(domainEvent.Data, "requesterId") is { } requester ? new(One(requester)) : Audience.Empty,
            EventTypes.OrderDispatched => Text(domainEvent.Data, "teamId") is { } teamId ? new(teams.LeadersAsync(teamId, cancellationToken)) : Audience.Empty,
            EventTypes.OrderPooled when org is not null => new(teams.LeadersServingAsync(org.Id, org.Path, cancellationToken)),
            EventTypes.ActivityDeedScheduled => Text(domainEvent.Data, "topicId") is { } topicId
                ? new(topics.AuthorAndSecondersAsync(domainEvent.OrgId, topicId, cancellationToken))
                : Audience.Empty,
            EventTypes.ActivitySeatOffered or EventTypes.ActivitySessionReminder or EventTypes.ActivitySignUpConfirmed or EventTypes.ActivitySignUpDeclined
                or EventTypes.ActivityCancelled =>
                Text(domainEvent.Data, "userId") is { } person ? new(One(person)) : Audience.Empty,
            _ => Audience.Empty,
        };
    }

    /// <summary>
    /// One page of a broadcast's audience: people whose home community is in the subtree of the event's org, from
    /// <paramref name="cursor"/>, at most <paramref name="pageSize"/>; <see cref="ResidentPage.Next"/> is null after the
    /// last. Who opted in is each person's own switch (<see cref="AudienceOf"/>).
    /// </summary>
    public async Task<ResidentPage> ResidentsPageAsync(DomainEvent domainEvent, FanOutCursor cursor, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        ArgumentNullException.ThrowIfNull(cursor);
        var org = await orgs.FindAsync(domainEvent.OrgId, cancellationToken) ?? await RequiredOrgAsync(domainEvent, cancellationToken);
        var chunks = (await orgs.AllAsync(cancellationToken))
            .Where(o => o.Level == OrgLevel.Community && org.Covers(o))
            .Select(o => o.Id)
            .Order(StringComparer.Ordinal)
            .Chunk(CommunitiesPerQuery)
            .ToList();
        if (cursor.Chunk >= chunks.Count)
        {
            return new ResidentPage([], null);
        }

        var page = await people.ResidentsPageAsync(chunks[cursor.Chunk], cursor.Position, pageSize, cancellationToken);
        var next = page.Position is { } position ? cursor.Next(cursor.Chunk, position)
            : cursor.Chunk + 1 < chunks.Count ? cursor.Next(cursor.Chunk + 1, null)
            : null;
        return new ResidentPage(page.Items, next);
    }

    /// <summary>Who a broadcast is for (its audience switch), or null when the event names none.</summary>
    public static BroadcastAudience? AudienceOf(DomainEvent domainEvent)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        return ParseAudience(domainEvent.Data);
    }

    private async Task<OrgUnit> RequiredOrgAsync(DomainEvent domainEvent, CancellationToken cancellationToken)
    {
        // The tree may have been imported on another instance since this one cached it.
        orgs.Invalidate();
        return await orgs.FindAsync(domainEvent.OrgId, cancellationToken)
            ?? throw new InvalidOperationException($"Event {domainEvent.Id} names org {domainEvent.OrgId}, which is not in the governance tree.");
    }

    /// <summary>
    /// Users holding one of <paramref name="roles"/> bound exactly at one of <paramref name="orgIds"/>. A role bound to a
    /// node covers its subtree, so the nodes on the way up from a community are exactly the bindings that cover it.
    /// </summary>
    private async IAsyncEnumerable<string> StaffBoundAtAsync(IReadOnlyList<string> orgIds, IReadOnlyList<Role> roles, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (orgIds.Count == 0 || roles.Count == 0)
        {
            yield break;
        }

        await foreach (var candidate in people.WithAnyRoleAtAsync(orgIds, roles, cancellationToken))
        {
            // The store's match is loose (any listed role at any listed node); this is the exact one.
            if (candidate.Roles.Any(role => roles.Contains(role.Role) && orgIds.Contains(role.OrgId, StringComparer.Ordinal)))
            {
                yield return candidate.Id;
            }
        }
    }

    /// <summary>
    /// The staff (a handful, remembered) then the topic's people, each once: a representative who seconded is told once.
    /// </summary>
    private static async IAsyncEnumerable<string> Distinct(IAsyncEnumerable<string> staff, IAsyncEnumerable<string> people)
    {
        var told = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var id in staff)
        {
            if (told.Add(id))
            {
                yield return id;
            }
        }

        await foreach (var id in people)
        {
            if (!told.Contains(id))
            {
                yield return id;
            }
        }
    }

    private static async IAsyncEnumerable<string> One(string userId)
    {
        await Task.CompletedTask;
        yield return userId;
    }

    private static BroadcastAudience? ParseAudience(JsonObject data) => Text(data, "audience") switch
    {
        "youth" => BroadcastAudience.Youth,
        "women" => BroadcastAudience.Women,
        "all" => BroadcastAudience.All,
        _ => null,
    };

    private static string? Text(JsonObject data, string name) =>
        data[name] is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text : null;
}
