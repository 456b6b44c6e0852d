using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json.Nodes;
using GongTongDizao.Core.Events;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>How one event type is told: its subscribe template, the inbox title and the short status word.</summary>
public sealed record EventRoute(string EventType, string TemplateKey, string InboxTitle, string Phrase);

/// <summary>Every event type the app emits and how its notification reads (the audiences are in <see cref="AudienceResolver"/>).</summary>
public static class EventRoutes
{
    private static readonly FrozenDictionary<string, EventRoute> s_routes = new EventRoute[]
    {
        new(EventTypes.LetterSubmitted, "letterReceived", "收到一封新的青年信箱来信", "待受理"),
        new(EventTypes.LetterAccepted, "letterAccepted", "您的来信已受理", "已受理"),
        new(EventTypes.LetterReplied, "letterReplied", "您的来信有了答复", "已答复"),
        new(EventTypes.LetterOverdue, "letterOverdue", "有信件超时未受理", "已超时"),
        new(EventTypes.LetterAssigned, "letterAssigned", "有一封信件指派给您办理", "待办理"),
        new(EventTypes.LetterMarkedDuplicate, "letterDuplicate", "您的来信与另一封来信反映同一问题", "合并办理"),
        new(EventTypes.TopicThresholdReached, "topicThresholdReached", "议题附议人数已达标", "待议事"),
        new(EventTypes.TopicMeetingScheduled, "topicMeetingScheduled", "议事会议已安排", "待开会"),
        new(EventTypes.TopicDecided, "topicDecided", "议题已作出决定", "已决定"),
        new(EventTypes.TopicCompleted, "topicCompleted", "实事已办结，请您评价", "已办结"),
        new(EventTypes.BroadcastCreated, "broadcast", "通知公告", "已发布"),
        new(EventTypes.OrderSubmitted, "orderReceived", "收到一份新的青年点单", "待审核"),
        new(EventTypes.OrderApproved, "orderApproved", "您的点单已通过审核", "已通过"),
        new(EventTypes.OrderRejected, "orderRejected", "您的点单未通过审核", "未通过"),
        new(EventTypes.OrderDispatched, "orderDispatched", "有一份点单派给您的队伍", "已派单"),
        new(EventTypes.OrderPooled, "orderPooled", "有一份点单等待接单", "待接单"),
        new(EventTypes.OrderTaken, "orderTaken", "您的点单已有队伍接单", "服务中"),
        new(EventTypes.OrderDelivered, "orderDelivered", "服务已完成，请您评价", "待评价"),
        new(EventTypes.OrderTakeOverdue, "orderTakeOverdue", "有点单超时无人接单，已退回", "超时未接"),
        new(EventTypes.OrderRatedLow, "orderRatedLow", "有点单评价较低，请复核", "待复核"),
        new(EventTypes.ActivityDeedScheduled, "activityDeedScheduled", "您关注的议题实事已安排活动", "已安排"),
        new(EventTypes.ActivitySeatOffered, "activitySeatOffered", "您候补的活动有空位了，请尽快确认", "待确认"),
        new(EventTypes.ActivitySessionReminder, "activityReminder", "您报名的活动明天开始", "即将开始"),
        new(EventTypes.ActivitySignUpConfirmed, "activitySignUpConfirmed", "您的活动报名已通过", "已通过"),
        new(EventTypes.ActivitySignUpDeclined, "activitySignUpDeclined", "您的活动报名未通过", "未通过"),
        new(EventTypes.ActivityCancelled, "activityCancelled", "您报名的活动已取消", "已取消"),
    }.ToFrozenDictionary(r => r.EventType, StringComparer.Ordinal);

    public static IReadOnlyCollection<EventRoute> All => s_routes.Values;

    public static EventRoute? Find(string eventType) => s_routes.GetValueOrDefault(eventType);

    public static string DefaultPhrase(string eventType) => s_routes.GetValueOrDefault(eventType)?.Phrase ?? "有更新";

    /// <summary>The inbox title: a broadcast's own title, otherwise the route's wording.</summary>
    public static string InboxTitle(EventRoute route, JsonObject data)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(data);
        return route.EventType == EventTypes.BroadcastCreated && Text(data, "title") is { } title ? title : route.InboxTitle;
    }

    /// <summary>The inbox summary: the broadcast body, or the item's title (letter or topic) with any detail the event carries.</summary>
    public static string? InboxSummary(EventRoute route, JsonObject data)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(data);
        if (route.EventType == EventTypes.BroadcastCreated)
        {
            return Text(data, "body") ?? Text(data, "summary");
        }

        var title = Text(data, "title");
        var detail = route.EventType switch
        {
            EventTypes.LetterReplied => Text(data, "replySummary"),
            EventTypes.OrderRejected or EventTypes.ActivitySignUpDeclined or EventTypes.ActivityCancelled => Text(data, "reason"),
            EventTypes.OrderTaken or EventTypes.OrderDelivered => Text(data, "teamName"),
            EventTypes.TopicMeetingScheduled => Text(data, "place"),
            EventTypes.TopicDecided => Text(data, "outcome"),
            EventTypes.LetterAssigned => ChinaDate(Text(data, "dueAt")) is { } due ? $"请于{due}前办理" : null,
            EventTypes.LetterMarkedDuplicate => Text(data, "originalStatus") is { } status
                ? $"将随原信件一并办理（原信件{status}），可在信件详情查看"
                : "将随原信件一并办理，可在信件详情查看",
            _ => null,
        };
        return title is null ? detail : detail is null ? title : $"{title}：{detail}";
    }

    /// <summary>An instant as a date in China Standard Time (2026年12月9日), or null when it is not one.</summary>
    private static string? ChinaDate(string? instant) =>
        DateTimeOffset.TryParse(instant, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? ChinaTime.DateText(at)
            : null;

    private static string? Text(JsonObject data, string name) =>
        data[name] is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text : null;
}
