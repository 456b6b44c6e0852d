using System.Runtime.CompilerServices;
using System.Text.Json;
using GongTongDizao.Core.Privacy;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>
/// A person's inbox, delivery records, quotas and broadcast preferences (their own partition). Nothing here is
/// part of the community record, so deletion removes it all rather than pseudonymising it; the notices a staff member
/// sent are, and keep the pseudonym instead of their id.
/// </summary>
public sealed class NotificationsPersonalData(NotificationPartitions partitions, BroadcastStore broadcasts) : IPersonalDataSource
{
    public string Kind => "notifications";

    /// <summary>Events fanned out before the deletion may still land in the person's partition.</summary>
    public bool ReceivesLateWrites => true;

    public async IAsyncEnumerable<object> ExportAsync(string userId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Preferences and quotas are exported readably by NotificationSettingsPersonalData.
        await foreach (var item in partitions.AllButSettingsAsync(userId, cancellationToken))
        {
            yield return Strip(item);
        }
    }

    public async Task AnonymiseAsync(string userId, string pseudonym, CancellationToken cancellationToken)
    {
        await partitions.DeleteAllAsync(userId, cancellationToken);

        // Notices the person sent as staff stay for the record, under the pseudonym (rare: crosses partitions).
        await broadcasts.PseudonymiseSenderAsync(userId, pseudonym, cancellationToken);
    }

    /// <summary>The document as the person should see it: without Cosmos's system properties.</summary>
    private static Dictionary<string, JsonElement> Strip(JsonElement item) =>
        item.EnumerateObject().Where(p => !p.Name.StartsWith('_')).ToDictionary(p => p.Name, p => p.Value.Clone());
}
