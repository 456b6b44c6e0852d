using GongTongDizao.Core.Common;
using GongTongDizao.Core.Features.Hours;

namespace GongTongDizao.Functions.Features.Hours;

/// <summary>Volunteer hours for an activity's organiser: the sessions' check-in codes, the records, decisions and 补录.</summary>
public sealed class OrganiserHoursFunctions(
    Api api,
    GetCheckInCode code,
    ListActivityHours list,
    DecideHours decide,
    DecideHoursCorrection decideCorrection,
    AddOfflineHours offline)
{
    [Function("GetCheckInCode")]
    public Task<IActionResult> CheckInCode(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "activities/{id}/sessions/{sessionId}/checkin-code")] HttpRequest req, string id, string sessionId, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<CheckInCodeView>(req, (caller, ct) => code.HandleAsync(caller, id, sessionId, ct), cancellationToken);

    [Function("ListActivityHours")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "activities/{id}/hours")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<ActivityHours>(req, (caller, ct) => list.HandleAsync(caller, id, ct), cancellationToken);

    [Function("DecideHours")]
    public Task<IActionResult> Decide(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "activities/{id}/hours/decisions")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<HoursDecisionRequest, HoursRecord>(req, (caller, body, ct) => decide.HandleAsync(caller, id, body, ct), cancellationToken);

    [Function("DecideHoursCorrection")]
    public Task<IActionResult> DecideCorrection(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "activities/{id}/hours/corrections/decisions")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<HoursCorrectionDecisionRequest, HoursRecord>(req, (caller, body, ct) => decideCorrection.HandleAsync(caller, id, body, ct), cancellationToken);

    [Function("AddOfflineHours")]
    public Task<IActionResult> Offline(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "activities/{id}/hours/offline")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        api.CreateAsync<OfflineHoursRequest, Created>(req, (caller, body, ct) => offline.HandleAsync(caller, id, body, ct), cancellationToken);
}
