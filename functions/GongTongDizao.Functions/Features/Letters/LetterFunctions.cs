using GongTongDizao.Core.Common;
using GongTongDizao.Core.Features.Letters;
using GongTongDizao.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace GongTongDizao.Functions.Features.Letters;

/// <summary>The youth mailbox for residents: the categories, write, list, read, withdraw and evaluate.</summary>
public sealed class LetterFunctions(Api api, ListLetterCategories categories, SubmitLetter submit, ListMyLetters listMine, GetLetter getLetter, WithdrawLetter withdraw, EvaluateLetter evaluate)
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

    [Function("WithdrawLetter")]
    public Task<IActionResult> Withdraw(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "letters/{id}/withdraw")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<LetterView>(req, (caller, ct) => withdraw.HandleAsync(caller, id, ct), cancellationToken);

    [Function("EvaluateLetter")]
    public Task<IActionResult> Evaluate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "letters/{id}/evaluation")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        api.CreateAsync<EvaluateLetterRequest, LetterView>(req, (caller, body, ct) => evaluate.HandleAsync(caller, id, body, ct), cancellationToken);
}
