using GongTongDizao.Core.Features.Letters;

namespace GongTongDizao.Functions.Features.Letters;

/// <summary>Letters moved on: transferred up, marked duplicate, or decided on by a moderator when held.</summary>
public sealed class LetterRoutingFunctions(Api api, TransferLetter transfer, MarkDuplicate duplicate, ModerateLetter moderate)
{
    [Function("TransferLetter")]
    public Task<IActionResult> Transfer(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "letters/{id}/transfer")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<TransferLetterRequest, LetterView>(req, (caller, body, ct) => transfer.HandleAsync(caller, id, body, ct), cancellationToken);

    [Function("MarkLetterDuplicate")]
    public Task<IActionResult> Duplicate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "letters/{id}/duplicate")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<MarkDuplicateRequest, LetterView>(req, (caller, body, ct) => duplicate.HandleAsync(caller, id, body, ct), cancellationToken);

    [Function("ApproveLetter")]
    public Task<IActionResult> Approve(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "letters/{id}/approve")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<LetterView>(req, (caller, ct) => moderate.ApproveAsync(caller, id, ct), cancellationToken);

    [Function("RejectLetter")]
    public Task<IActionResult> Reject(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "letters/{id}/reject")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<RejectLetterRequest, LetterView>(req, (caller, body, ct) => moderate.RejectAsync(caller, id, body, ct), cancellationToken);
}
