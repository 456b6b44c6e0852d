namespace GongTongDizao.Core.Features.Notifications;

/// <summary>
/// Which broadcasts the caller wants: to young people, to women, to everyone. Nothing is sent without an opt-in.
/// An update names only the switches the person changed; the others keep their values (never defaults).
/// </summary>
public sealed record PreferencesRequest(bool? Youth = null, bool? Women = null, bool? All = null);

public sealed class PreferencesRequestValidator : AbstractValidator<PreferencesRequest>
{
    public PreferencesRequestValidator() =>
        RuleFor(r => r).Must(r => r.Youth is not null || r.Women is not null || r.All is not null)
            .OverridePropertyName("preferences")
            .WithMessage("请至少设置 youth、women、all 中的一项");
}

/// <summary>
/// Sets the switches sent and only those: a patch of the stored document (atomic, so two phones flipping different
/// switches at once both count), or its creation with the rest off when the person had none.
/// </summary>
public sealed class UpdatePreferences(NotificationPreferences preferences, TimeProvider time)
{
    private const int MaxAttempts = 5;

    public async Task<Result<PreferencesView>> HandleAsync(Caller caller, PreferencesRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var now = time.GetUtcNow();
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            // Created or deleted (account deletion) meanwhile: look again.
            var saved = await preferences.FindAsync(caller.Id, cancellationToken) is null
                ? await preferences.TryCreateAsync(new PreferencesDocument { UserId = caller.Id, Youth = request.Youth ?? false, Women = request.Women ?? false, All = request.All ?? false, UpdatedAt = now }, cancellationToken)
                : await preferences.TrySetAsync(caller.Id, request.Youth, request.Women, request.All, now, cancellationToken);
            if (saved is not null)
            {
                return new PreferencesView(saved.Youth, saved.Women, saved.All);
            }
        }

        return Error.From(ErrorCodes.ConcurrentChange);
    }
}
