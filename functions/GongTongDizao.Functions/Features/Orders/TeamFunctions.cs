using GongTongDizao.Core.Common;
using GongTongDizao.Core.Features.Volunteers;

namespace GongTongDizao.Functions.Features.Orders;

/// <summary>Volunteer teams: created by staff, listed and read, joined by residents, their join requests decided by leaders.</summary>
public sealed class TeamFunctions(
    Api api,
    CreateTeam create,
    ListTeams list,
    GetTeam get,
    RequestToJoinTeam join,
    DecideJoinRequest decide)
{
    [Function("CreateTeam")]
    public Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/teams")] HttpRequest req, CancellationToken cancellationToken) =>
        api.CreateAsync<CreateTeamRequest, Created>(req, create.HandleAsync, cancellationToken);

    [Function("ListTeams")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "teams")] HttpRequest req, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<TeamList>(req, (caller, ct) => list.HandleAsync(caller, req.Query["orgId"], ct), cancellationToken);

    [Function("GetTeam")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "teams/{id}")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<TeamView>(req, (caller, ct) => get.HandleAsync(caller, id, ct), cancellationToken);

    [Function("RequestToJoinTeam")]
    public Task<IActionResult> Join(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "teams/{id}/join-requests")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<JoinTeamRequest, TeamView>(req, (caller, body, ct) => join.HandleAsync(caller, id, body, ct), cancellationToken);

    [Function("ApproveJoinRequest")]
    public Task<IActionResult> Approve(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "teams/{id}/join-requests/{userId}/approve")] HttpRequest req, string id, string userId, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<TeamView>(req, (caller, ct) => decide.ApproveAsync(caller, id, userId, ct), cancellationToken);

    [Function("DeclineJoinRequest")]
    public Task<IActionResult> Decline(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "teams/{id}/join-requests/{userId}/decline")] HttpRequest req, string id, string userId, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<TeamView>(req, (caller, ct) => decide.DeclineAsync(caller, id, userId, ct), cancellationToken);
}
