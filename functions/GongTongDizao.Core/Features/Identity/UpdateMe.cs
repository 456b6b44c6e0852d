using GongTongDizao.Core.Features.Orgs;

namespace GongTongDizao.Core.Features.Identity;

public sealed record UpdateMeRequest(string DisplayName, string HomeCommunityId, string? BuildingId);

public sealed class UpdateMeValidator : AbstractValidator<UpdateMeRequest>
{
    public UpdateMeValidator()
    {
        RuleFor(r => r.DisplayName).NotEmpty().Text(1, 20);
        RuleFor(r => r.HomeCommunityId).NotEmpty().MaximumLength(32);
        RuleFor(r => r.BuildingId).MaximumLength(32);
    }
}

/// <summary>Display name and home community (a community/village node), optionally a building or estate inside it.</summary>
public sealed class UpdateMe(UserStore users, OrgDirectory orgs, MeViews views, TimeProvider time)
{
    public async Task<Result<MeView>> HandleAsync(Caller caller, UpdateMeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var community = await orgs.FindAsync(request.HomeCommunityId, cancellationToken);
        if (community is not { Level: OrgLevel.Community })
        {
            return Error.Validation("homeCommunityId", "请选择社区（村）一级的组织");
        }

        if (request.BuildingId is not null)
        {
            var building = await orgs.FindAsync(request.BuildingId, cancellationToken);
            if (building is null || building.Level <= OrgLevel.Community || !building.Path.Contains(community.Id))
            {
                return Error.Validation("buildingId", "请选择该社区下的小区或楼栋");
            }
        }

        var saved = await users.ReplaceAsync(
            caller.User with
            {
                DisplayName = request.DisplayName.Trim(),
                HomeCommunityId = community.Id,
                BuildingId = request.BuildingId,
                UpdatedAt = time.GetUtcNow(),
            },
            cancellationToken);
        return saved.IsSuccess ? await views.CreateAsync(saved.Value, cancellationToken) : saved.Error;
    }
}
