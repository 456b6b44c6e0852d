namespace GongTongDizao.Core.Features.Notifications;

/// <summary>
/// What the notifications container (partition key /userId) holds; <c>kind</c> tells the documents apart. Ids are
/// deterministic where a retry must find the same document: <c>n~{eventId}</c> and <c>delivery~{eventId}</c> in the
/// recipient's partition, <c>quota~{templateKey}</c>, <c>preferences</c>.
/// </summary>
public static class NotificationKinds
{
    public const string Inbox = "inbox";
    public const string Delivery = "delivery";
    public const string Quota = "quota";
    public const string Preferences = "preferences";
    public const string Broadcast = "broadcast";
    public const string BroadcastDay = "broadcast_day";
    public const string BroadcastProgress = "broadcast_progress";
    public const string BroadcastPage = "broadcast_page";

    public static string InboxId(string eventId) => "n~" + eventId;

    public static string DeliveryId(string eventId) => "delivery~" + eventId;

    public static string QuotaId(string templateKey) => "quota~" + templateKey;

    public const string PreferencesId = "preferences";

    /// <summary>A broadcast lives in its own partition, so reading it and counting its deliveries never touches a person's partition.</summary>
    public static string BroadcastPartition(string broadcastId) => "broadcast~" + broadcastId;

    public static string OrgPartition(string orgId) => "org~" + orgId;
}
