using GongTongDizao.Core.Features.Letters;

namespace GongTongDizao.Functions.Features.Letters;

/// <summary>The youth mailbox for youth-league staff in scope: listing, statistics, accepting, assigning, replying.</summary>
public sealed class StaffLetterFunctions(Api api, ListStaffLetters list, GetLetterStats stats, AcceptLetter accept, AssignLetter assign, ReplyToLetter reply)
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
}
