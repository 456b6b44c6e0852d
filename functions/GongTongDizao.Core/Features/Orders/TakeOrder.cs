using GongTongDizao.Core.Features.Volunteers;

namespace GongTongDizao.Core.Features.Orders;

public sealed record TakeOrderRequest(string TeamId, IReadOnlyList<string> VolunteerIds);

public sealed class TakeOrderValidator : AbstractValidator<TakeOrderRequest>
{
    public const int MaxVolunteers = 10;

    public TakeOrderValidator()
    {
        RuleFor(r => r.TeamId).NotEmpty().WithMessage("请选择接单队伍").MaximumLength(64);
        RuleFor(r => r.VolunteerIds).NotEmpty().WithMessage("请至少选择一名志愿者")
            .Must(v => v is null || v.Count <= MaxVolunteers).WithMessage($"最多 {MaxVolunteers} 名志愿者")
            .Must(v => v is null || v.Distinct(StringComparer.Ordinal).Count() == v.Count).WithMessage("志愿者不能重复");
        RuleForEach(r => r.VolunteerIds).NotEmpty().MaximumLength(64);
    }
}

/// <summary>
/// 志愿者接单: a leader of a team the order is offered to takes it and names the volunteers who go. Each must be a
/// member with a volunteer profile, 14 or older, and with a guardian's consent under 18. The take is one
/// ETag-conditioned write: of two teams taking a pooled order at once exactly one wins; the other re-reads and gets
/// 409 ORDER_ALREADY_TAKEN (<see cref="OrderTransitions"/>).
/// </summary>
public sealed class TakeOrder(OrderTransitions transitions, OrderViews views, VolunteerStore profiles, TimeProvider time)
{
    public async Task<Result<OrderView>> HandleAsync(Caller caller, string orderId, TakeOrderRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var result = await transitions.RunAsync(caller, orderId, OrderAction.Take, async (order, reader, next, now) =>
        {
            if (reader.Teams.FirstOrDefault(t => t.Id == request.TeamId) is not { } team)
            {
                return Error.Validation("teamId", "该订单未派给此队伍");
            }

            if (!team.IsLeader(caller.Id))
            {
                return Error.Forbidden("只有队长可以接单");
            }

            var volunteers = await VolunteersAsync(team, request.VolunteerIds, cancellationToken);
            if (!volunteers.IsSuccess)
            {
                return volunteers.Error;
            }

            var taken = order with
            {
                Team = new OrderTeamRef(team.Id, team.Name),
                Volunteers = volunteers.Value,
                TakeBy = null,
                Metrics = order.Metrics.TakenAt is null
                    ? order.Metrics with { TakenAt = now, TakeSeconds = (long)(now - (order.Metrics.OfferedAt ?? now)).TotalSeconds }
                    : order.Metrics,
            };
            return new OrderChange(taken, [OrderEvents.Taken(taken with { Status = next }, caller.Id, now)], Reason: team.Name);
        }, cancellationToken);
        return result.IsSuccess ? await views.ViewAsync(result.Value.Order, result.Value.Reader, cancellationToken) : result.Error;
    }

    private async Task<Result<IReadOnlyList<OrderVolunteer>>> VolunteersAsync(Team team, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var named = new List<OrderVolunteer>(ids.Count);
        foreach (var id in ids)
        {
            if (team.Member(id) is not { } member)
            {
                return Error.Validation("volunteerIds", "只能选择本队队员");
            }

            var eligibility = VolunteerAge.Check(await profiles.FindAsync(id, cancellationToken), now);
            var refusal = eligibility switch
            {
                VolunteerEligibility.NoProfile => ErrorCodes.VolunteerProfileRequired,
                VolunteerEligibility.TooYoung => ErrorCodes.VolunteerTooYoung,
                VolunteerEligibility.NeedsGuardianConsent => ErrorCodes.GuardianConsentRequired,
                _ => null,
            };
            if (refusal is not null)
            {
                return Error.From(refusal, $"队员「{member.DisplayName}」暂不能参加接单服务");
            }

            named.Add(new OrderVolunteer(member.UserId, member.DisplayName));
        }

        return named;
    }
}
