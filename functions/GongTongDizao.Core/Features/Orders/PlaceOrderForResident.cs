using GongTongDizao.Core.Authorization;
using GongTongDizao.Core.ContentSafety;
using GongTongDizao.WeChat;

namespace GongTongDizao.Core.Features.Orders;

public sealed record PlaceOrderForResidentRequest(
    string OnBehalfOf,
    string? Category,
    string Title,
    string Details,
    OrderPlaceRequest Place,
    DateTimeOffset? WantedFrom,
    DateTimeOffset? WantedTo,
    OrderContactRequest Contact) : IOrderForm;

public sealed class PlaceOrderForResidentValidator : OrderFormValidator<PlaceOrderForResidentRequest>
{
    public PlaceOrderForResidentValidator() => RuleFor(r => r.OnBehalfOf).NotEmpty().WithMessage("请填写居民称呼").Text(1, 20);
}

/// <summary>
/// 代点单: youth-league staff place an order for a resident who has no phone (often an older person), for a place
/// in their scope. The staff member is the requester (they cancel or rate on the resident's word) and the order says
/// so. Staff text publishes only on a pass, as everywhere staff write for residents to read.
/// </summary>
public sealed class PlaceOrderForResident(OrderIntake intake, OrderMenu menu, Authorizer authorizer, ContentGuard guard)
{
    public async Task<Result<Created>> HandleAsync(Caller caller, PlaceOrderForResidentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        if (Authorizer.ScopeRoots(caller.User, Permission.RunVolunteerService).Count == 0)
        {
            return Error.Forbidden();
        }

        var community = await intake.CommunityOfAsync(request.Place.OrgId, cancellationToken);
        if (!community.IsSuccess)
        {
            return community.Error;
        }

        if (!await authorizer.CanAsync(caller.User, Permission.RunVolunteerService, community.Value.Id, cancellationToken))
        {
            return Error.Forbidden("只能为本人辖区内的居民代点单");
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

        var refused = await guard.CheckStaffTextAsync(caller.User.OpenId, ContentCheckScene.Forum, [request.Title, request.Details, request.Place.Address, request.Contact.Name, request.OnBehalfOf], cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        return await intake.CreateAsync(caller, request, category.Value, community.Value, request.OnBehalfOf.Trim(), held: false, [], cancellationToken);
    }
}
