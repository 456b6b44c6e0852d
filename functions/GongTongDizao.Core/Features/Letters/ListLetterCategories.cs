namespace GongTongDizao.Core.Features.Letters;

/// <summary>One choice of the mini-program's category picker: the code to send and the label to show.</summary>
public sealed record LetterCategoryView(LetterCategory Code, string Label);

public sealed record LetterCategoryList(IReadOnlyList<LetterCategoryView> Items);

/// <summary>The letter categories in the picker's order (the order they are declared in), each with its zh-CN label.</summary>
public sealed class ListLetterCategories
{
    private readonly LetterCategoryList _all = new([.. Enum.GetValues<LetterCategory>().Select(c => new LetterCategoryView(c, LetterCategories.Label(c)))]);

    public Task<Result<LetterCategoryList>> HandleAsync(CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested ? Task.FromCanceled<Result<LetterCategoryList>>(cancellationToken) : Task.FromResult<Result<LetterCategoryList>>(_all);
}
