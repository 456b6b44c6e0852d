using GongTongDizao.Core.Features.Hours;

namespace GongTongDizao.Functions.Features.Hours;

/// <summary>Volunteer hours for the volunteer: scan to check in and out, their records, corrections and certificate.</summary>
public sealed class HoursFunctions(Api api, CheckIn checkIn, ListMyHours mine, RequestHoursCorrection correction, GetHoursCertificate certificate)
{
    [Function("CheckIn")]
    public Task<IActionResult> Scan(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "checkins")] HttpRequest req, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<CheckInRequest, CheckInOutcome>(req, checkIn.HandleAsync, cancellationToken);

    [Function("ListMyHours")]
    public Task<IActionResult> Mine(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "me/hours")] HttpRequest req, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<MyHours>(req, mine.HandleAsync, cancellationToken);

    [Function("RequestHoursCorrection")]
    public Task<IActionResult> Correct(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "me/hours/{id}/corrections")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<HoursCorrectionRequest, HoursRecord>(req, (caller, body, ct) => correction.HandleAsync(caller, id, body, ct), cancellationToken);

    [Function("GetHoursCertificate")]
    public Task<IActionResult> Certificate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "me/hours/certificate")] HttpRequest req, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<HoursCertificate>(req, certificate.HandleAsync, cancellationToken);
}
