using GongTongDizao.Core.Common;
using GongTongDizao.Core.Features.Identity;

namespace GongTongDizao.Functions.Features.Identity;

/// <summary>The resident's own account: read, change, delete.</summary>
public sealed class MeFunctions(Api api, GetMe getMe, UpdateMe updateMe, DeleteMe deleteMe)
{
    [Function("GetMe")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "me")] HttpRequest req, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<MeView>(req, getMe.HandleAsync, cancellationToken);

    [Function("UpdateMe")]
    public Task<IActionResult> Update(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "me")] HttpRequest req, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<UpdateMeRequest, MeView>(req, updateMe.HandleAsync, cancellationToken);

    [Function("DeleteMe")]
    public Task<IActionResult> Delete(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "me")] HttpRequest req, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<NoContent>(req, deleteMe.HandleAsync, cancellationToken);
}
