using GongTongDizao.Core.Common;
using GongTongDizao.Core.Features.Topics;

namespace GongTongDizao.Functions.Features.Topics;

/// <summary>民事民办 and 民事民评: the deed, its progress, ratings, closing; and the statistics.</summary>
public sealed class DeedFunctions(Api api, PlanDeed plan, ReportProgress progress, EvaluateTopic evaluate, CloseTopic close, GetDeliberationStats stats)
{
    [Function("PlanTopicDeed")]
    public Task<IActionResult> Plan(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "topics/{id}/deed")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<PlanDeedRequest, TopicView>(req, (caller, body, ct) => plan.HandleAsync(caller, id, body, ct), cancellationToken);

    [Function("ReportTopicProgress")]
    public Task<IActionResult> Progress(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "topics/{id}/progress")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<ReportProgressRequest, TopicView>(req, (caller, body, ct) => progress.HandleAsync(caller, id, body, ct), cancellationToken);

    [Function("EvaluateTopic")]
    public Task<IActionResult> Evaluate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "topics/{id}/evaluations")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        api.CreateAsync<EvaluateTopicRequest, Created>(req, (caller, body, ct) => evaluate.HandleAsync(caller, id, body, ct), cancellationToken);

    [Function("CompleteTopic")]
    public Task<IActionResult> Complete(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "topics/{id}/complete")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<TopicView>(req, (caller, ct) => close.CompleteAsync(caller, id, ct), cancellationToken);

    [Function("SendTopicBack")]
    public Task<IActionResult> SendBack(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "topics/{id}/send-back")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<SendBackRequest, TopicView>(req, (caller, body, ct) => close.SendBackAsync(caller, id, body, ct), cancellationToken);

    [Function("GetDeliberationStats")]
    public Task<IActionResult> Deliberation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "stats/deliberation")] HttpRequest req, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<DeliberationStatsView>(req, (_, ct) => stats.DeliberationAsync(req.Query["orgId"], req.Query["year"], ct), cancellationToken);

    [Function("GetShowcaseRanking")]
    public Task<IActionResult> Showcase(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "stats/showcase")] HttpRequest req, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<ShowcaseView>(req, (_, ct) => stats.ShowcaseAsync(req.Query["orgId"], req.Query["year"], req.Query["limit"], ct), cancellationToken);
}
