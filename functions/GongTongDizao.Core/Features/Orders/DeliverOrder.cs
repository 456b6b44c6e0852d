using GongTongDizao.Core.ContentSafety;
using GongTongDizao.Core.Features.Attachments;
using GongTongDizao.WeChat;
using Microsoft.Extensions.Options;

namespace GongTongDizao.Core.Features.Orders;

public sealed record DeliverOrderRequest(string Note, IReadOnlyList<string>? Attachments);

public sealed class DeliverOrderValidator : AbstractValidator<DeliverOrderRequest>
{
    public DeliverOrderValidator()
    {
        RuleFor(r => r.Note).NotEmpty().WithMessage("请填写服务情况").Text(1, 500, multiline: true);
        RuleFor(r => r.Attachments)
            .Must(a => a is null || a.Count <= OrderFormValidator<PlaceOrderRequest>.MaxAttachments).WithMessage($"最多 {OrderFormValidator<PlaceOrderRequest>.MaxAttachments} 张图片")
            .Must(a => a is null || a.Distinct(StringComparer.Ordinal).Count() == a.Count).WithMessage("图片不能重复");
        RuleForEach(r => r.Attachments).NotEmpty().MaximumLength(64);
    }
}

/// <summary>
/// The taking team reports the service done, with a note and photos the resident reads (the note is checked as text
/// written for residents: only a pass publishes). The resident is asked to rate; unrated, it closes after the window.
/// </summary>
public sealed class DeliverOrder(OrderTransitions transitions, OrderViews views, ContentGuard guard, IAttachments attachments, IOptions<OrdersOptions> options)
{
    public async Task<Result<OrderView>> HandleAsync(Caller caller, string orderId, DeliverOrderRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var note = request.Note.Trim();
        var result = await transitions.RunAsync(caller, orderId, OrderAction.Deliver, async (order, reader, next, now) =>
        {
            if (order.Team is not { } team || reader.Teams.All(t => t.Id != team.TeamId))
            {
                return Error.Forbidden();
            }

            if (await guard.CheckStaffTextAsync(caller.User.OpenId, ContentCheckScene.Forum, [note], cancellationToken) is { } refused)
            {
                return refused;
            }

            IReadOnlyList<AttachmentRef> photos = [];
            if (request.Attachments is { Count: > 0 } uploads)
            {
                var commit = await attachments.CommitAsync(caller.Id, uploads, OrderEvents.EntityType, order.Id, order.CommunityId, cancellationToken);
                if (!commit.IsSuccess)
                {
                    return commit.Error;
                }

                photos = commit.Value;
            }

            var delivered = order with
            {
                Delivery = new OrderDelivery(note, photos, now, caller.Id),
                Metrics = order.Metrics with
                {
                    Delivered = true,
                    DeliverSeconds = (long)(now - (order.Metrics.TakenAt ?? now)).TotalSeconds,
                    DeliveredOnTime = now <= order.WantedTo,
                },
            };
            return new OrderChange(
                delivered,
                [OrderEvents.Delivered(delivered with { Status = next }, caller.Id, now)],
                [OrderTransitions.Timer(OrderDeadlineHandler.AutoCloseKind, delivered, now + options.Value.RatingWindow)]);
        }, cancellationToken);
        return result.IsSuccess ? await views.ViewAsync(result.Value.Order, result.Value.Reader, cancellationToken) : result.Error;
    }
}
