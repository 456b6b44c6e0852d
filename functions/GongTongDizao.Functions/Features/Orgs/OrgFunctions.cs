using GongTongDizao.Core.Features.Orgs;

namespace GongTongDizao.Functions.Features.Orgs;

public sealed class OrgFunctions(Api api, GetOrg getOrg, ListOrgChildren children, SearchOrgs search)
{
    [Function("SearchOrgs")]
    public Task<IActionResult> Search(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "orgs/search")] HttpRequest req, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<OrgList>(req, (_, ct) => search.HandleAsync(req.Query["q"], ct), cancellationToken);

    [Function("GetOrg")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "orgs/{id}")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<OrgView>(req, (_, ct) => getOrg.HandleAsync(id, ct), cancellationToken);

    [Function("ListOrgChildren")]
    public Task<IActionResult> Children(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "orgs/{id}/children")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<OrgList>(req, (_, ct) => children.HandleAsync(id, ct), cancellationToken);
}
