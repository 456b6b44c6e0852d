using GongTongDizao.Core.Common;
using GongTongDizao.Core.Features.Identity;
using GongTongDizao.Core.Features.Orgs;

namespace GongTongDizao.Functions.Features.Manage;

/// <summary>
/// Administrators' functions, called with a function key from the Azure portal. The route prefix is "manage"
/// because Azure reserves "admin" for the host's own API.
/// </summary>
public sealed class ManageFunctions(Api api, ImportOrgs importOrgs, GrantRole grantRole, RevokeRole revokeRole, ListStaff listStaff)
{
    [Function("ImportOrgs")]
    public Task<IActionResult> Import(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "manage/orgs/import")] HttpRequest req, CancellationToken cancellationToken) =>
        api.ManageAsync<ImportOrgsRequest, ImportOrgsResult>(req, importOrgs.HandleAsync, cancellationToken);

    [Function("ListStaff")]
    public Task<IActionResult> Staff(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "manage/orgs/{id}/staff")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        api.ManageAsync<StaffList>(req, ct => listStaff.HandleAsync(id, ct), cancellationToken);

    [Function("GrantRole")]
    public Task<IActionResult> Grant(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "manage/users/{userId}/roles")] HttpRequest req, string userId, CancellationToken cancellationToken) =>
        api.ManageAsync<GrantRoleRequest, UserRolesView>(req, (body, ct) => grantRole.HandleAsync(userId, body, ct), cancellationToken);

    [Function("RevokeRole")]
    public Task<IActionResult> Revoke(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "manage/users/{userId}/roles/{role}/{orgId}")] HttpRequest req, string userId, string role, string orgId, CancellationToken cancellationToken) =>
        api.ManageAsync<NoContent>(req, ct => revokeRole.HandleAsync(userId, role, orgId, ct), cancellationToken);
}
