using GongTongDizao.Core.Features.Notifications;

namespace GongTongDizao.Functions.Features.Notifications;

/// <summary>The caller's broadcast opt-ins.</summary>
public sealed class PreferenceFunctions(
    Api api,
    GetPreferences getPreferences,
    UpdatePreferences updatePreferences)
{
    [Function("GetPreferences")]
    public Task<IActionResult> GetPreferences(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "me/preferences")] HttpRequest req, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<PreferencesView>(req, getPreferences.HandleAsync, cancellationToken);

    [Function("UpdatePreferences")]
    public Task<IActionResult> UpdatePreferences(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "me/preferences")] HttpRequest req, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<PreferencesRequest, PreferencesView>(req, updatePreferences.HandleAsync, cancellationToken);
}
