using GongTongDizao.Core.Features.Letters;

namespace GongTongDizao.Functions.Features.Letters;

/// <summary>What a resident does to their own letter afterwards: withdraw it, evaluate the reply.</summary>
public sealed class ResidentLetterActionFunctions(Api api, WithdrawLetter withdraw, EvaluateLetter evaluate)
{
    [Function("WithdrawLetter")]
    public Task<IActionResult> Withdraw(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "letters/{id}/withdraw")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<LetterView>(req, (caller, ct) => withdraw.HandleAsync(caller, id, ct), cancellationToken);

    [Function("EvaluateLetter")]
    public Task<IActionResult> Evaluate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "letters/{id}/evaluation")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        api.CreateAsync<EvaluateLetterRequest, LetterView>(req, (caller, body, ct) => evaluate.HandleAsync(caller, id, body, ct), cancellationToken);
}
