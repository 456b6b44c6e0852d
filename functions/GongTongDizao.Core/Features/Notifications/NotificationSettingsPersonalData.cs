using System.Runtime.CompilerServices;
using GongTongDizao.Core.Privacy;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>A person's broadcast switches as they stand (off when never set).</summary>
public sealed record PreferencesRecord(string Kind, bool Youth, bool Women, bool All, DateTimeOffset? UpdatedAt);

/// <summary>One subscribe-message template: the person's last decision, the sends left, the long-term switch.</summary>
public sealed record SubscriptionRecord(string Kind, string TemplateKey, string? Title, string? Decision, int Remaining, bool LongTerm, int ClientAccepts, int PushAccepts, DateTimeOffset UpdatedAt);

/// <summary>
/// The notification settings for the export, readable: the broadcast preferences and, per template, the subscription
/// decisions and quotas. The documents live in the person's notifications partition, which
/// <see cref="NotificationsPersonalData"/> deletes on account deletion, so there is nothing more to anonymise here.
/// </summary>
public sealed class NotificationSettingsPersonalData(NotificationPreferences preferences, SubscriptionQuotas quotas) : IPersonalDataSource
{
    public string Kind => "notificationSettings";

    public async IAsyncEnumerable<object> ExportAsync(string userId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var p = await preferences.FindAsync(userId, cancellationToken);
        yield return new PreferencesRecord("preferences", p?.Youth ?? false, p?.Women ?? false, p?.All ?? false, p?.UpdatedAt);
        await foreach (var quota in quotas.AllAsync(userId, cancellationToken))
        {
            yield return new SubscriptionRecord(
                "subscription",
                quota.TemplateKey,
                TemplateCatalogue.Definitions.GetValueOrDefault(quota.TemplateKey)?.Title,
                quota.Decision,
                quota.Remaining,
                quota.LongTerm,
                quota.ClientAccepts,
                quota.PushAccepts,
                quota.UpdatedAt);
        }
    }

    public Task AnonymiseAsync(string userId, string pseudonym, CancellationToken cancellationToken) => Task.CompletedTask;
}
