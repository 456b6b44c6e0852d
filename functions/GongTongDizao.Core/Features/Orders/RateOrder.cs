using GongTongDizao.Core.ContentSafety;
using GongTongDizao.WeChat;

namespace GongTongDizao.Core.Features.Orders;

public sealed record RateOrderRequest(int? Stars, string? Comment);

public sealed class RateOrderValidator : AbstractValidator<RateOrderRequest>
{
    public RateOrderValidator()
    {
        RuleFor(r => r.Stars).NotNull().WithMessage("请选择评分").InclusiveBetween(1, 5).WithMessage("评分须在 1 到 5 之间");
        RuleFor(r => r.Comment).Text(0, 200, multiline: true);
    }
}

/// <summary>
/// 群众评单: the requester rates the delivered service. 3 to 5 closes the order; 2 or less reopens it for the office
/// to review, and the office is alerted. A comment WeChat flags as risky is refused; one it wants a human to read is
/// kept for the requester and the office but not shown to the team.
/// </summary>
public sealed class RateOrder(OrderTransitions transitions, OrderViews views, ContentGuard guard)
{
    public async Task<Result<OrderView>> HandleAsync(Caller caller, string orderId, RateOrderRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var stars = request.Stars!.Value;
        var comment = string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim();
        var action = OrderLifecycle.RatingAction(stars);
        var result = await transitions.RunAsync(caller, orderId, action, async (order, _, next, now) =>
        {
            var held = false;
            if (comment is not null)
            {
                var verdict = await guard.CheckAsync(caller.User.OpenId, ContentCheckScene.Comment, null, comment, cancellationToken);
                if (verdict == ContentVerdict.Reject)
                {
                    return Error.From(ErrorCodes.ContentRejected);
                }

                held = verdict == ContentVerdict.Hold;
            }

            var rated = order with
            {
                Rating = new OrderRating(stars, comment, now) { CommentHeld = held },
                Closure = action == OrderAction.Rate ? OrderClosure.Rated : null,
                Metrics = order.Metrics with { Stars = stars },
            };
            return new OrderChange(rated, action == OrderAction.RateLow ? [OrderEvents.RatedLow(rated with { Status = next }, stars, caller.Id, now)] : []);
        }, cancellationToken);
        return result.IsSuccess ? await views.ViewAsync(result.Value.Order, result.Value.Reader, cancellationToken) : result.Error;
    }
}
