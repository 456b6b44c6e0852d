using GongTongDizao.Core.Features.Identity;

namespace GongTongDizao.Functions.Features.Identity;

public sealed class AuthFunctions(Api api, Login login)
{
    [Function("Login")]
    public Task<IActionResult> Login(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/login")] HttpRequest req,
        CancellationToken cancellationToken) =>
        api.AnonymousAsync<LoginRequest, LoginResponse>(req, login.HandleAsync, cancellationToken);
}
