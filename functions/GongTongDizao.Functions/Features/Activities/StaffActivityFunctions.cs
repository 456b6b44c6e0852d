using GongTongDizao.Core.Features.Activities;

namespace GongTongDizao.Functions.Features.Activities;

/// <summary>The activities' numbers for staff in scope.</summary>
public sealed class StaffActivityFunctions(Api api, GetActivityStats stats)
{
    [Function("GetActivityStats")]
    public Task<IActionResult> Stats(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/activities/stats")] HttpRequest req, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<ActivityStats>(req, (caller, ct) => stats.HandleAsync(caller, new ActivityStatsQuery(req.Query["orgId"], req.Query["from"], req.Query["to"]), ct), cancellationToken);
}
