using GongTongDizao.Core.ContentSafety;
using GongTongDizao.WeChat;
using Microsoft.Extensions.Options;

namespace GongTongDizao.Core.Features.Orders;

public sealed record PlaceOrderRequest(
    string? Category,
    string Title,
    string Details,
    OrderPlaceRequest Place,
    DateTimeOffset? WantedFrom,
    DateTimeOffset? WantedTo,
    OrderContactRequest Contact,
    IReadOnlyList<string>? Attachments) : IOrderForm;

public sealed class PlaceOrderValidator : OrderFormValidator<PlaceOrderRequest>
{
    public PlaceOrderValidator()
    {
        RuleFor(r => r.Attachments)
            .Must(a => a is null || a.Count <= MaxAttachments).WithMessage($"最多 {MaxAttachments} 张图片")
            .Must(a => a is null || a.Distinct(StringComparer.Ordinal).Count() == a.Count).WithMessage("图片不能重复");
        RuleForEach(r => r.Attachments).NotEmpty().MaximumLength(64);
    }
}

/// <summary>
/// A resident orders help (群众点单) for a place in their own community. Order matters as for letters: the cheap
/// checks first, then the text check (risky → nothing stored; review → stored for the office to read before anyone
/// else, 0006), then a slot of the day taken atomically, then the photos and one write.
/// </summary>
public sealed class PlaceOrder(OrderIntake intake, OrderMenu menu, ContentGuard guard, OrderDailyLimit limit, IOptions<OrdersOptions> options, TimeProvider time)
{
    public async Task<Result<Created>> HandleAsync(Caller caller, PlaceOrderRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var community = await intake.CommunityOfAsync(request.Place.OrgId, cancellationToken);
        if (!community.IsSuccess)
        {
            return community.Error;
        }

        if (caller.User.HomeCommunityId != community.Value.Id)
        {
            return Error.Validation("place.orgId", "只能为本人所在社区点单，请先在“我的”中设置所在社区");
        }

        if (intake.CheckWindow(request) is { } window)
        {
            return window;
        }

        var category = await menu.ActiveAsync(request.Category, cancellationToken);
        if (!category.IsSuccess)
        {
            return category.Error;
        }

        var verdict = await guard.CheckAsync(caller.User.OpenId, ContentCheckScene.Forum, request.Title.Trim(), string.Join('\n', request.Details.Trim(), request.Place.Address.Trim(), request.Contact.Name.Trim()), cancellationToken);
        if (verdict == ContentVerdict.Reject)
        {
            return Error.From(ErrorCodes.ContentRejected);
        }

        var now = time.GetUtcNow();
        var nextDay = ChinaTime.NextMidnight(now);
        var settings = options.Value;
        if (!await limit.TryTakeAsync(caller.Id, ChinaTime.DayKey(now), settings.DailyLimit, cancellationToken))
        {
            return Error.From(ErrorCodes.RateLimited, $"每人每天最多点 {settings.DailyLimit} 单，请明天再来") with { RetryAfter = nextDay - now };
        }

        return await intake.CreateAsync(caller, request, category.Value, community.Value, null, verdict == ContentVerdict.Hold, request.Attachments ?? [], cancellationToken);
    }
}
