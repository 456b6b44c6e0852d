using GongTongDizao.Core.Auth;
using GongTongDizao.Core.Common;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>Which broadcasts the caller wants: to young people, to women, to everyone. Nothing is sent without an opt-in.</summary>
public sealed record PreferencesRequest(bool Youth, bool Women, bool All);

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
        var saved = await preferences.SaveAsync(new PreferencesDocument { UserId = caller.Id, Youth = request.Youth, Women = request.Women, All = request.All, UpdatedAt = time.GetUtcNow() }, cancellationToken);
        return new PreferencesView(saved.Youth, saved.Women, saved.All);
    }
}
