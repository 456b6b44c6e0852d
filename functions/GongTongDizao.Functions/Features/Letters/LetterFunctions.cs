using GongTongDizao.Core.Common;
using GongTongDizao.Core.Features.Letters;

namespace GongTongDizao.Functions.Features.Letters;

/// <summary>The youth mailbox for residents: categories, writing, their own letters.</summary>
public sealed class LetterFunctions(Api api, ListLetterCategories categories, SubmitLetter submit, ListMyLetters listMine, GetLetter getLetter)
{
    [Function("ListLetterCategories")]
    public Task<IActionResult> Categories(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "letters/categories")] HttpRequest req, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<LetterCategoryList>(req, (_, ct) => categories.HandleAsync(ct), cancellationToken);

    [Function("SubmitLetter")]
    public Task<IActionResult> Submit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "letters")] HttpRequest req, CancellationToken cancellationToken) =>
        api.CreateAsync<SubmitLetterRequest, Created>(req, submit.HandleAsync, cancellationToken);

    [Function("ListMyLetters")]
    public Task<IActionResult> Mine(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "letters/mine")] HttpRequest req, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<LetterPage>(req, (caller, ct) => listMine.HandleAsync(caller, new LetterPageQuery(req.Query["continuation"], req.Query["pageSize"]), ct), cancellationToken);

    [Function("GetLetter")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "letters/{id}")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<LetterView>(req, (caller, ct) => getLetter.HandleAsync(caller, id, ct), cancellationToken);
}
