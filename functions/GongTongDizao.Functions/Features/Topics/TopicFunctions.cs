using GongTongDizao.Core.Common;
using GongTongDizao.Core.Features.Topics;
using GongTongDizao.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace GongTongDizao.Functions.Features.Topics;

/// <summary>民事民提 and the topic itself: propose, list, read, withdraw, second.</summary>
public sealed class TopicFunctions(Api api, CreateTopic create, ListTopics list, GetTopic get, WithdrawTopic withdraw, SecondTopic second, MergeTopic merge)
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

    [Function("SecondTopic")]
    public Task<IActionResult> Second(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "topics/{id}/second")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        api.CreateAsync<SecondView>(req, (caller, ct) => second.SecondAsync(caller, id, ct), cancellationToken);

    [Function("UnsecondTopic")]
    public Task<IActionResult> Unsecond(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "topics/{id}/second")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<SecondView>(req, (caller, ct) => second.WithdrawAsync(caller, id, ct), cancellationToken);

    [Function("MergeTopic")]
    public Task<IActionResult> Merge(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "topics/{id}/merge")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<MergeTopicRequest, TopicView>(req, (caller, body, ct) => merge.HandleAsync(caller, id, body, ct), cancellationToken);
}
