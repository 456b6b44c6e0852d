using GongTongDizao.Core.ContentSafety;
using GongTongDizao.WeChat;

namespace GongTongDizao.Core.Features.Orders;

public sealed record RejectOrderRequest(string Reason);

public sealed class RejectOrderValidator : AbstractValidator<RejectOrderRequest>
{
    public RejectOrderValidator() => RuleFor(r => r.Reason).NotEmpty().WithMessage("请填写驳回理由").Text(1, 200, multiline: true);
}

/// <summary>The office declines the order with a reason the requester reads (checked as staff text).</summary>
public sealed class RejectOrder(OrderTransitions transitions, OrderViews views, ContentGuard guard)
{
    public async Task<Result<OrderView>> HandleAsync(Caller caller, string orderId, RejectOrderRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var reason = request.Reason.Trim();
        var result = await transitions.RunAsync(caller, orderId, OrderAction.Reject, async (order, _, next, now) =>
        {
            if (await guard.CheckStaffTextAsync(caller.User.OpenId, ContentCheckScene.Forum, [reason], cancellationToken) is { } refused)
            {
                return refused;
            }

            var rejected = order with { OfficeNote = reason, Metrics = order.Metrics with { Rejected = true } };
            return new OrderChange(rejected, [OrderEvents.Rejected(rejected with { Status = next }, reason, caller.Id, now)], Reason: reason);
        }, cancellationToken);
        return result.IsSuccess ? await views.ViewAsync(result.Value.Order, result.Value.Reader, cancellationToken) : result.Error;
    }
}
