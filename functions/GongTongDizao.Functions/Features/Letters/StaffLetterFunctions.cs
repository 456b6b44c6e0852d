using GongTongDizao.Core.Features.Letters;
using GongTongDizao.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace GongTongDizao.Functions.Features.Letters;

/// <summary>The youth mailbox for youth-league staff in scope, and for moderators deciding on held letters.</summary>
public sealed class StaffLetterFunctions(
    Api api,
    ListStaffLetters list,
    GetLetterStats stats,
    AcceptLetter accept,
    AssignLetter assign,
    ReplyToLetter reply,
    TransferLetter transfer,
    MarkDuplicate duplicate,
    ModerateLetter moderate)
{
    [Function("ListStaffLetters")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/letters")] HttpRequest req, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<LetterPage>(
            req,
            (caller, ct) => list.HandleAsync(caller, new StaffLettersQuery(req.Query["orgId"], req.Query["status"], req.Query["category"], req.Query["overdue"], req.Query["continuation"], req.Query["pageSize"]), ct),
            cancellationToken);

    [Function("GetLetterStats")]
    public Task<IActionResult> Stats(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/letters/stats")] HttpRequest req, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<LetterStats>(req, (caller, ct) => stats.HandleAsync(caller, new LetterStatsQuery(req.Query["orgId"], req.Query["from"], req.Query["to"]), ct), cancellationToken);

    [Function("AcceptLetter")]
    public Task<IActionResult> Accept(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "letters/{id}/accept")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<LetterView>(req, (caller, ct) => accept.HandleAsync(caller, id, ct), cancellationToken);

    [Function("AssignLetter")]
    public Task<IActionResult> Assign(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "letters/{id}/assign")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<AssignLetterRequest, LetterView>(req, (caller, body, ct) => assign.HandleAsync(caller, id, body, ct), cancellationToken);

    [Function("ReplyToLetter")]
    public Task<IActionResult> Reply(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "letters/{id}/reply")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<ReplyToLetterRequest, LetterView>(req, (caller, body, ct) => reply.HandleAsync(caller, id, body, ct), cancellationToken);

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
