using GongTongDizao.Core.Common;
using GongTongDizao.Core.Features.Activities;

namespace GongTongDizao.Functions.Features.Activities;

/// <summary>Activities: publish and cancel (organisers), list and read (anyone signed in).</summary>
public sealed class ActivityFunctions(Api api, CreateActivity create, ListActivities list, GetActivity get, CancelActivity cancel)
{
    [Function("CreateActivity")]
    public Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "activities")] HttpRequest req, CancellationToken cancellationToken) =>
        api.CreateAsync<CreateActivityRequest, Created>(req, create.HandleAsync, cancellationToken);

    [Function("ListActivities")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "activities")] HttpRequest req, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<ActivityPage>(
            req,
            (caller, ct) => list.HandleAsync(caller, new ActivityListQuery(req.Query["orgId"], req.Query["kind"], req.Query["upcoming"], req.Query["continuation"], req.Query["pageSize"]), ct),
            cancellationToken);

    [Function("GetActivity")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "activities/{id}")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<ActivityView>(req, (caller, ct) => get.HandleAsync(caller, id, ct), cancellationToken);

    [Function("CancelActivity")]
    public Task<IActionResult> Cancel(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "activities/{id}/cancel")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<CancelActivityRequest, ActivityView>(req, (caller, body, ct) => cancel.HandleAsync(caller, id, body, ct), cancellationToken);
}
