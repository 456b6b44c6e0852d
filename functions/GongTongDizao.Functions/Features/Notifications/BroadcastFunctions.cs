using GongTongDizao.Core.Features.Notifications;

namespace GongTongDizao.Functions.Features.Notifications;

/// <summary>Staff notices to residents.</summary>
public sealed class BroadcastFunctions(
    Api api,
    CreateBroadcast createBroadcast,
    GetBroadcast getBroadcast)
{
    [Function("CreateBroadcast")]
    public Task<IActionResult> CreateBroadcast(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/broadcasts")] HttpRequest req, CancellationToken cancellationToken) =>
        api.CreateAsync<CreateBroadcastRequest, Core.Common.Created>(req, createBroadcast.HandleAsync, cancellationToken);

    [Function("GetBroadcast")]
    public Task<IActionResult> GetBroadcast(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/broadcasts/{id}")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<BroadcastView>(req, (caller, ct) => getBroadcast.HandleAsync(caller, id, ct), cancellationToken);
}
