using GongTongDizao.Core.ContentSafety;
using GongTongDizao.WeChat;

namespace GongTongDizao.Core.Features.Orders;

public sealed record CloseOrderRequest(string Note);

public sealed class CloseOrderValidator : AbstractValidator<CloseOrderRequest>
{
    public CloseOrderValidator() => RuleFor(r => r.Note).NotEmpty().WithMessage("请填写复核说明").Text(1, 200, multiline: true);
}

/// <summary>The office closes an order it reviewed (reopened by a low rating, or returned untaken) with a note the requester reads.</summary>
public sealed class CloseOrder(OrderTransitions transitions, OrderViews views, ContentGuard guard)
{
    public async Task<Result<OrderView>> HandleAsync(Caller caller, string orderId, CloseOrderRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var note = request.Note.Trim();
        var result = await transitions.RunAsync(caller, orderId, OrderAction.Close, async (order, _, _, _) =>
        {
            if (await guard.CheckStaffTextAsync(caller.User.OpenId, ContentCheckScene.Forum, [note], cancellationToken) is { } refused)
            {
                return refused;
            }

            return new OrderChange(order with { OfficeNote = note, Closure = OrderClosure.Reviewed, TakeBy = null }, Reason: note);
        }, cancellationToken);
        return result.IsSuccess ? await views.ViewAsync(result.Value.Order, result.Value.Reader, cancellationToken) : result.Error;
    }
}
