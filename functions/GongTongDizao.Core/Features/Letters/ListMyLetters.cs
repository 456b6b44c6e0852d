namespace GongTongDizao.Core.Features.Letters;

/// <summary>Paging as it arrives in a query string: both optional.</summary>
public sealed record LetterPageQuery(string? Continuation, string? PageSize)
{
    public const int DefaultPageSize = PageSizes.Default;

    public Result<int> ParsePageSize() => PageSizes.Parse(PageSize, LetterStore.MaxPageSize);
}

/// <summary>
/// The caller's letters, newest first: one single-partition query on their home community per page. Letters written
/// before a move to another community stay in the old partition; they remain readable through GET /letters/{id}
/// (the id names its partition) and in the personal-data export.
/// </summary>
public sealed class ListMyLetters(LetterStore store, LetterViews views, PageTokens tokens)
{
    private const string List = "letters/mine";

    public async Task<Result<LetterPage>> HandleAsync(Caller caller, LetterPageQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(query);
        var pageSize = query.ParsePageSize();
        if (!pageSize.IsSuccess)
        {
            return pageSize.Error;
        }

        var binding = $"{caller.Id}|{caller.User.HomeCommunityId}";
        if (!tokens.TryOpen(query.Continuation, List, binding, out var position))
        {
            return PageTokens.Invalid();
        }

        if (caller.User.HomeCommunityId is not { } communityId)
        {
            return new LetterPage([], null);
        }

        var page = await store.PageMineAsync(communityId, caller.Id, position, pageSize.Value, cancellationToken);
        var items = new List<LetterSummary>(page.Items.Count);
        foreach (var letter in page.Items)
        {
            items.Add(await views.SummaryAsync(letter, forStaff: false, cancellationToken));
        }

        return new LetterPage(items, tokens.Seal(List, binding, page.Position));
    }
}
