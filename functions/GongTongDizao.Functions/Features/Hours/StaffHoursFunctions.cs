using GongTongDizao.Core.Features.Hours;

namespace GongTongDizao.Functions.Features.Hours;

/// <summary>Volunteer hours for youth-league and women's-federation staff: the numbers per node and period.</summary>
public sealed class StaffHoursFunctions(Api api, GetHoursStats stats)
{
    [Function("GetHoursStats")]
    public Task<IActionResult> Stats(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/hours/stats")] HttpRequest req, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<HoursStats>(req, (caller, ct) => stats.HandleAsync(caller, new HoursStatsQuery(req.Query["orgId"], req.Query["from"], req.Query["to"]), ct), cancellationToken);
}
