using GongTongDizao.Core.Authorization;
using GongTongDizao.Core.Features.Orgs;

namespace GongTongDizao.Core.Features.Letters;

/// <summary>The staff listing's query string, as it arrives: every part optional.</summary>
public sealed record StaffLettersQuery(string? OrgId, string? Status, string? Category, string? Overdue, string? Continuation, string? PageSize);

/// <summary>
/// Letters for youth-league staff, newest first. Scope comes only from the caller's HandleLetters roles: a letter is
/// listed when one of their scope roots is on its handling org's path, so nothing outside scope is ever returned and
/// held letters and letters rejected by moderation never are. With <c>orgId</c> a community the query is single-partition; for a street or district it is
/// one cross-partition query on <c>orgPath</c> (not a loop over communities, which would cost one query each).
/// Anonymous letters carry no author at all.
/// </summary>
public sealed class ListStaffLetters(LetterStore store, LetterViews views, Authorizer authorizer, OrgDirectory orgs, PageTokens tokens)
{
    private const string List = "staff/letters";

    public async Task<Result<LetterPage>> HandleAsync(Caller caller, StaffLettersQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(query);
        var roots = Authorizer.ScopeRoots(caller.User, Permission.HandleLetters);
        if (roots.Count == 0)
        {
            return Error.Forbidden("只有团组织工作人员可以查看信件");
        }

        var page = new LetterPageQuery(query.Continuation, query.PageSize);
        var pageSize = page.ParsePageSize();
        if (!pageSize.IsSuccess)
        {
            return pageSize.Error;
        }

        LetterStatus? status = null;
        if (!string.IsNullOrEmpty(query.Status))
        {
            if (!LetterCodes.TryParse<LetterStatus>(query.Status, out var parsed) || parsed is LetterStatus.Held or LetterStatus.Rejected)
            {
                return Error.Validation("status", "状态值无效");
            }

            status = parsed;
        }

        LetterCategory? category = null;
        if (!string.IsNullOrEmpty(query.Category))
        {
            if (!LetterCodes.TryParse<LetterCategory>(query.Category, out var parsed))
            {
                return Error.Validation("category", "类别值无效");
            }

            category = parsed;
        }

        bool? overdue = query.Overdue switch
        {
            null or "" => null,
            "true" => true,
            "false" => false,
            _ => null,
        };
        if (overdue is null && !string.IsNullOrEmpty(query.Overdue))
        {
            return Error.Validation("overdue", "只能是 true 或 false");
        }

        string? orgId = null;
        string? communityId = null;
        if (!string.IsNullOrEmpty(query.OrgId))
        {
            var org = await orgs.FindAsync(query.OrgId, cancellationToken);
            if (org is null)
            {
                return Error.Validation("orgId", "组织不存在");
            }

            if (!await authorizer.CanAsync(caller.User, Permission.HandleLetters, org.Id, cancellationToken))
            {
                return Error.Forbidden("该组织不在您的负责范围内");
            }

            orgId = org.Id;
            communityId = org.Level == OrgLevel.Community ? org.Id : null;
        }

        var binding = $"{caller.Id}|{orgId}|{status}|{category}|{overdue}|{string.Join(',', roots)}";
        if (!tokens.TryOpen(query.Continuation, List, binding, out var position))
        {
            return PageTokens.Invalid();
        }

        var found = await store.PageForStaffAsync(new StaffLetterFilter(orgId, communityId, roots, status, category, overdue), position, pageSize.Value, cancellationToken);
        var items = new List<LetterSummary>(found.Items.Count);
        foreach (var letter in found.Items)
        {
            items.Add(await views.SummaryAsync(letter, forStaff: true, cancellationToken));
        }

        return new LetterPage(items, tokens.Seal(List, binding, found.Position));
    }
}
