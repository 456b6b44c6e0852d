using GongTongDizao.Core.Features.Topics;

namespace GongTongDizao.Functions.Features.Topics;

/// <summary>附议 and its withdrawal.</summary>
public sealed class SecondingFunctions(Api api, SecondTopic second)
{
    [Function("SecondTopic")]
    public Task<IActionResult> Second(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "topics/{id}/second")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        api.CreateAsync<SecondView>(req, (caller, ct) => second.SecondAsync(caller, id, ct), cancellationToken);

    [Function("UnsecondTopic")]
    public Task<IActionResult> Unsecond(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "topics/{id}/second")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<SecondView>(req, (caller, ct) => second.WithdrawAsync(caller, id, ct), cancellationToken);
}
