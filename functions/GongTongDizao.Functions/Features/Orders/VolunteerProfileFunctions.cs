using GongTongDizao.Core.Features.Volunteers;

namespace GongTongDizao.Functions.Features.Orders;

/// <summary>The volunteer's own profile (opt-in): what a service record needs, read and saved by its owner.</summary>
public sealed class VolunteerProfileFunctions(
    Api api,
    GetVolunteerProfile getProfile,
    SaveVolunteerProfile saveProfile)
{
    [Function("GetVolunteerProfile")]
    public Task<IActionResult> GetProfile(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "me/volunteer")] HttpRequest req, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<VolunteerProfileView>(req, (caller, ct) => getProfile.HandleAsync(caller, ct), cancellationToken);

    [Function("SaveVolunteerProfile")]
    public Task<IActionResult> SaveProfile(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "me/volunteer")] HttpRequest req, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<SaveVolunteerProfileRequest, VolunteerProfileView>(req, (caller, body, ct) => saveProfile.HandleAsync(caller, body, ct), cancellationToken);
}
