namespace GongTongDizao.Core.Features.Notifications;

public sealed record PreferencesView(bool Youth, bool Women, bool All);

/// <summary>The caller's broadcast switches, all off when never set.</summary>
public sealed class GetPreferences(NotificationPreferences preferences)
{
    public async Task<Result<PreferencesView>> HandleAsync(Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var p = await preferences.FindAsync(caller.Id, cancellationToken);
        return new PreferencesView(p?.Youth ?? false, p?.Women ?? false, p?.All ?? false);
    }
}
