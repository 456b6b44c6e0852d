using GongTongDizao.Core.Common;
using GongTongDizao.Core.Features.Topics;

namespace GongTongDizao.Functions.Features.Topics;

/// <summary>民事民提: proposing, listing, reading, withdrawing and merging topics.</summary>
public sealed class TopicFunctions(Api api, CreateTopic create, ListTopics list, GetTopic get, WithdrawTopic withdraw, MergeTopic merge)
{
    [Function("CreateTopic")]
    public Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "topics")] HttpRequest req, CancellationToken cancellationToken) =>
        api.CreateAsync<CreateTopicRequest, Created>(req, create.HandleAsync, cancellationToken);

    [Function("ListCommunityTopics")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "communities/{id}/topics")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<TopicList>(req, (_, ct) => list.HandleAsync(id, req.Query["status"], req.Query["sort"], req.Query["continuation"], ct), cancellationToken);

    [Function("GetTopic")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "topics/{id}")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<TopicView>(req, (caller, ct) => get.HandleAsync(caller, id, ct), cancellationToken);

    [Function("WithdrawTopic")]
    public Task<IActionResult> Withdraw(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "topics/{id}/withdraw")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<TopicView>(req, (caller, ct) => withdraw.HandleAsync(caller, id, ct), cancellationToken);

    [Function("MergeTopic")]
    public Task<IActionResult> Merge(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "topics/{id}/merge")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<MergeTopicRequest, TopicView>(req, (caller, body, ct) => merge.HandleAsync(caller, id, body, ct), cancellationToken);
}
