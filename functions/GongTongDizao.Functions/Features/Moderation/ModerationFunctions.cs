using GongTongDizao.Core.Common;
using GongTongDizao.Core.Moderation;

namespace GongTongDizao.Functions.Features.Moderation;

/// <summary>
/// The moderators' queue. Items are addressed by type and id (<c>{itemType}/{itemId}</c>): ids are unique only
/// within a source, so the type says which source decides.
/// </summary>
public sealed class ModerationFunctions(Api api, ListModerationQueue list, DecideModerationItem decide)
{
    [Function("ListModerationQueue")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/moderation")] HttpRequest req, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<ModerationQueuePage>(req, (caller, ct) => list.HandleAsync(caller, req.Query["continuation"], ct), cancellationToken);

    [Function("ApproveModerationItem")]
    public Task<IActionResult> Approve(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/moderation/{itemType}/{itemId}/approve")] HttpRequest req, string itemType, string itemId, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<NoContent>(req, (caller, ct) => decide.HandleAsync(caller, itemType, itemId, approve: true, reason: null, ct), cancellationToken);

    [Function("RejectModerationItem")]
    public Task<IActionResult> Reject(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/moderation/{itemType}/{itemId}/reject")] HttpRequest req, string itemType, string itemId, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<RejectModerationItemRequest, NoContent>(req, (caller, body, ct) => decide.HandleAsync(caller, itemType, itemId, approve: false, body.Reason, ct), cancellationToken);
}
