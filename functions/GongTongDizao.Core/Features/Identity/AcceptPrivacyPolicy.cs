namespace GongTongDizao.Core.Features.Identity;

public sealed record AcceptPrivacyPolicyRequest(string Version);

public sealed class AcceptPrivacyPolicyValidator : AbstractValidator<AcceptPrivacyPolicyRequest>
{
    public AcceptPrivacyPolicyValidator() => RuleFor(r => r.Version).NotEmpty().Matches("^[0-9A-Za-z][0-9A-Za-z._-]{0,19}$").WithMessage("版本号格式不正确");
}

/// <summary>Records which version of the privacy policy the person accepted, and when.</summary>
public sealed class AcceptPrivacyPolicy(UserStore users, MeViews views, TimeProvider time)
{
    public async Task<Result<MeView>> HandleAsync(Caller caller, AcceptPrivacyPolicyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var now = time.GetUtcNow();
        var saved = await users.ReplaceAsync(caller.User with { PrivacyConsent = new PrivacyConsent(request.Version, now), UpdatedAt = now }, cancellationToken);
        return saved.IsSuccess ? await views.CreateAsync(saved.Value, cancellationToken) : saved.Error;
    }
}
