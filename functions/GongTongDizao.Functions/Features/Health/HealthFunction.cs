using GongTongDizao.Core.Health;

namespace GongTongDizao.Functions.Features.Health;

public sealed class HealthFunction(CheckHealth handler)
{
    [Function("Health")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        var report = await handler.HandleAsync(cancellationToken);
        return new JsonApiResult(report, report.IsHealthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
