using FluentValidation;
using GongTongDizao.Core.Auth;
using GongTongDizao.Core.Common;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>Which broadcasts the caller wants: to young people, to women, to everyone. Nothing is sent without an opt-in.</summary>
/// <summary>All three choices are required: a missing one must not silently turn a notice off.</summary>
public sealed record PreferencesRequest(bool? Youth, bool? Women, bool? All);

public sealed class PreferencesRequestValidator : AbstractValidator<PreferencesRequest>
{
    public PreferencesRequestValidator()
    {
        RuleFor(r => r.Youth).NotNull();
        RuleFor(r => r.Women).NotNull();
        RuleFor(r => r.All).NotNull();
    }
}

public sealed record PreferencesView(bool Youth, bool Women, bool All);

public sealed class GetPreferences(NotificationPreferences preferences)
{
    public async Task<Result<PreferencesView>> HandleAsync(Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var p = await preferences.FindAsync(caller.Id, cancellationToken);
        return new PreferencesView(p?.Youth ?? false, p?.Women ?? false, p?.All ?? false);
    }
}

public sealed class UpdatePreferences(NotificationPreferences preferences, TimeProvider time)
{
    public async Task<Result<PreferencesView>> HandleAsync(Caller caller, PreferencesRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var saved = await preferences.SaveAsync(new PreferencesDocument { UserId = caller.Id, Youth = request.Youth!.Value, Women = request.Women!.Value, All = request.All!.Value, UpdatedAt = time.GetUtcNow() }, cancellationToken);
        return new PreferencesView(saved.Youth, saved.Women, saved.All);
    }
}
