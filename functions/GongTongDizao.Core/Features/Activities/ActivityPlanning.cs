using GongTongDizao.Core.Features.Orgs;
using GongTongDizao.Core.Features.Topics;

namespace GongTongDizao.Core.Features.Activities;

/// <summary>What a new activity refers to, resolved and checked: its place, its organiser and the topic whose deed it delivers.</summary>
public sealed record ActivityPlan(OrgUnit Place, ActivityOrganiser Organiser, string? TopicCommunityId);

/// <summary>Resolves the references of a new activity (kept apart so creating one stays within six dependencies).</summary>
public sealed class ActivityPlanning(OrgDirectory orgs, ActivityAccess access, TopicStore topics)
{
    public async Task<Result<ActivityPlan>> PlanAsync(Caller caller, CreateActivityRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        if (await orgs.FindAsync(request.Place.OrgId, cancellationToken) is not { } place)
        {
            return Error.Validation("place.orgId", "活动所在的组织不存在");
        }

        var organiser = await access.OrganiserAsync(caller, request.TeamId, place, cancellationToken);
        if (!organiser.IsSuccess)
        {
            return organiser.Error;
        }

        foreach (var community in request.Eligibility?.CommunityIds ?? [])
        {
            if (await orgs.FindAsync(community, cancellationToken) is not { Level: OrgLevel.Community })
            {
                return Error.Validation("eligibility.communityIds", "报名社区不存在");
            }
        }

        string? topicCommunity = null;
        if (request.TopicId is { } topicId)
        {
            if (await topics.FindAsync(topicId, cancellationToken) is not { } topic)
            {
                return Error.Validation("topicId", "议题不存在");
            }

            topicCommunity = topic.CommunityId;
        }

        return new ActivityPlan(place, organiser.Value, topicCommunity);
    }
}
