namespace GongTongDizao.Core.Features.Orgs;

/// <summary>Name substring or unified-code prefix, served from the in-memory tree.</summary>
public sealed class SearchOrgs(OrgDirectory orgs)
{
    public const int MaxResults = 20;

    public async Task<Result<OrgList>> HandleAsync(string? query, CancellationToken cancellationToken)
    {
        var q = query?.Trim() ?? string.Empty;
        if (TextRules.Length(q) is < 1 or > 20 || TextRules.HasControlCharacters(q))
        {
            return Error.Validation("q", "请输入 1 到 20 个字的名称或编码");
        }

        return new OrgList([.. (await orgs.SearchAsync(q, MaxResults, cancellationToken)).Select(OrgView.From)]);
    }
}
