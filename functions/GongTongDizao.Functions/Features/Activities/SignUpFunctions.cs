using GongTongDizao.Core.Common;
using GongTongDizao.Core.Features.Activities;

namespace GongTongDizao.Functions.Features.Activities;

/// <summary>Sign-ups: sign up, cancel, take an offered seat; the organiser's list and decision.</summary>
public sealed class SignUpFunctions(Api api, SignUpForActivity signUp, CancelSignUp cancel, AcceptOffer accept, ListActivitySignUps list, DecideSignUp decide)
{
    [Function("SignUpForActivity")]
    public Task<IActionResult> SignUp(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "activities/{id}/signups")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        api.CreateAsync<SignUpForActivityRequest, Created>(req, (caller, body, ct) => signUp.HandleAsync(caller, id, body, ct), cancellationToken);

    [Function("CancelSignUp")]
    public Task<IActionResult> Cancel(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "activities/{id}/signups/{signUpId}/cancel")] HttpRequest req, string id, string signUpId, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<SignUpView>(req, (caller, ct) => cancel.HandleAsync(caller, id, signUpId, ct), cancellationToken);

    [Function("AcceptSeatOffer")]
    public Task<IActionResult> Accept(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "activities/{id}/signups/{signUpId}/accept")] HttpRequest req, string id, string signUpId, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<SignUpView>(req, (caller, ct) => accept.HandleAsync(caller, id, signUpId, ct), cancellationToken);

    [Function("ListActivitySignUps")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "activities/{id}/signups")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<RosterView>(req, (caller, ct) => list.HandleAsync(caller, id, req.Query["sessionId"], ct), cancellationToken);

    [Function("DecideSignUp")]
    public Task<IActionResult> Decide(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "activities/{id}/signups/{signUpId}/decision")] HttpRequest req, string id, string signUpId, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<DecideSignUpRequest, SignUpView>(req, (caller, body, ct) => decide.HandleAsync(caller, id, signUpId, body, ct), cancellationToken);
}
