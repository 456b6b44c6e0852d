using GongTongDizao.Core.Common;
using GongTongDizao.Core.Features.Orders;
using GongTongDizao.Core.Features.Volunteers;

namespace GongTongDizao.Functions.Features.Orders;

/// <summary>Volunteer teams (created by staff, joined by residents, led by leaders), their work, and the volunteer's own profile.</summary>
public sealed class TeamFunctions(
    Api api,
    CreateTeam create,
    ListTeams list,
    GetTeam get,
    RequestToJoinTeam join,
    DecideJoinRequest decide,
    ListTeamOrders orders,
    TakeOrder take,
    DeliverOrder deliver,
    GetVolunteerProfile getProfile,
    SaveVolunteerProfile saveProfile)
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

    [Function("ListTeamOrders")]
    public Task<IActionResult> Orders(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "teams/{id}/orders")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<OrderPage>(req, (caller, ct) => orders.HandleAsync(caller, id, new OrderPageQuery(req.Query["continuation"], req.Query["pageSize"]), ct), cancellationToken);

    [Function("TakeOrder")]
    public Task<IActionResult> Take(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "orders/{id}/take")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<TakeOrderRequest, OrderView>(req, (caller, body, ct) => take.HandleAsync(caller, id, body, ct), cancellationToken);

    [Function("DeliverOrder")]
    public Task<IActionResult> Deliver(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "orders/{id}/deliver")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<DeliverOrderRequest, OrderView>(req, (caller, body, ct) => deliver.HandleAsync(caller, id, body, ct), cancellationToken);

    [Function("GetVolunteerProfile")]
    public Task<IActionResult> GetProfile(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "me/volunteer")] HttpRequest req, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<VolunteerProfileView>(req, (caller, ct) => getProfile.HandleAsync(caller, ct), cancellationToken);

    [Function("SaveVolunteerProfile")]
    public Task<IActionResult> SaveProfile(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "me/volunteer")] HttpRequest req, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<SaveVolunteerProfileRequest, VolunteerProfileView>(req, (caller, body, ct) => saveProfile.HandleAsync(caller, body, ct), cancellationToken);
}
