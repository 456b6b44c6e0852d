using GongTongDizao.Core.Audit;
using GongTongDizao.Core.ContentSafety;
using GongTongDizao.Core.Features.Orders;
using GongTongDizao.WeChat;

namespace GongTongDizao.Core.Features.Volunteers;

public sealed record CreateTeamRequest(string Name, TeamKind? Kind, string OrgId, IReadOnlyList<string> LeaderIds, IReadOnlyList<string>? Categories, string? Profile);

public sealed class CreateTeamValidator : AbstractValidator<CreateTeamRequest>
{
    public CreateTeamValidator()
    {
        RuleFor(r => r.Name).NotEmpty().WithMessage("请填写队伍名称").Text(1, 30);
        RuleFor(r => r.Kind).NotNull().WithMessage("请选择队伍类型").IsInEnum();
        RuleFor(r => r.OrgId).NotEmpty().WithMessage("请选择服务的组织").MaximumLength(32);
        RuleFor(r => r.LeaderIds).NotEmpty().WithMessage("请指定队长")
            .Must(l => l is null || l.Count <= 5).WithMessage("最多 5 名队长")
            .Must(l => l is null || l.Distinct(StringComparer.Ordinal).Count() == l.Count).WithMessage("队长不能重复");
        RuleForEach(r => r.LeaderIds).NotEmpty().MaximumLength(64);
        RuleFor(r => r.Categories).Must(c => c is null || c.Count <= 10).WithMessage("最多 10 个服务类别");
        RuleForEach(r => r.Categories).NotEmpty().MaximumLength(OrderCategories.MaxCodeLength);
        RuleFor(r => r.Profile).Text(0, 500, multiline: true);
    }
}

/// <summary>
/// Youth-league staff create a team for a node within their scope and name its leaders, who become its first
/// members. Leaders must already use the mini-program (their account exists). Name and profile are public: checked as staff text.
/// </summary>
public sealed class CreateTeam(TeamStore teams, TeamViews views, TeamFounding founding, ContentGuard guard, AuditLog audit, TimeProvider time)
{
    public async Task<Result<Created>> HandleAsync(Caller caller, CreateTeamRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var place = await founding.PlaceAsync(caller, request.OrgId, cancellationToken);
        if (place.Value is not { } org)
        {
            return place.Error!;
        }

        var categories = (request.Categories ?? []).Distinct(StringComparer.Ordinal).ToList();
        if (await founding.CategoriesAsync(categories, cancellationToken) is { } unavailable)
        {
            return unavailable;
        }

        var now = time.GetUtcNow();
        var leaders = await founding.LeadersAsync(request.LeaderIds, now, cancellationToken);
        if (!leaders.IsSuccess)
        {
            return leaders.Error!;
        }

        if (await guard.CheckStaffTextAsync(caller.User.OpenId, ContentCheckScene.Profile, [request.Name, request.Profile], cancellationToken) is { } refused)
        {
            return refused;
        }

        var team = await teams.CreateAsync(
            new Team
            {
                Id = TeamStore.NewId(),
                Name = request.Name.Trim(),
                Kind = request.Kind!.Value,
                OrgId = org.Id,
                OrgPath = [.. org.Path, org.Id],
                Categories = categories,
                Profile = string.IsNullOrWhiteSpace(request.Profile) ? null : request.Profile.Trim(),
                Members = leaders.Value!,
                CreatedBy = caller.Id,
                CreatedAt = now,
            },
            cancellationToken);
        await audit.AppendAsync("team", team.Id, "team.created", caller.Id, to: "active", cancellationToken: cancellationToken);
        return new Created(await views.ViewAsync(team, caller.Id, insider: true, cancellationToken), $"teams/{team.Id}");
    }
}
