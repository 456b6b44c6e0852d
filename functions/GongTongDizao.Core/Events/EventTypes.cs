namespace GongTongDizao.Core.Events;

/// <summary>Every event type the app emits; the Notifications feature resolves an audience for each.</summary>
public static class EventTypes
{
    public const string LetterSubmitted = "letter.submitted";
    public const string LetterAccepted = "letter.accepted";
    public const string LetterReplied = "letter.replied";
    public const string LetterOverdue = "letter.overdue";
    public const string LetterAssigned = "letter.assigned";
    public const string LetterMarkedDuplicate = "letter.marked_duplicate";
    public const string TopicThresholdReached = "topic.threshold_reached";
    public const string TopicMeetingScheduled = "topic.meeting_scheduled";
    public const string TopicDecided = "topic.decided";
    public const string TopicCompleted = "topic.completed";
    public const string BroadcastCreated = "broadcast.created";
    public const string OrderSubmitted = "order.submitted";
    public const string OrderApproved = "order.approved";
    public const string OrderRejected = "order.rejected";
    public const string OrderDispatched = "order.dispatched";
    public const string OrderPooled = "order.pooled";
    public const string OrderTaken = "order.taken";
    public const string OrderDelivered = "order.delivered";
    public const string OrderTakeOverdue = "order.take_overdue";
    public const string OrderRatedLow = "order.rated_low";
    public const string ActivityDeedScheduled = "activity.deed_scheduled";
    public const string ActivitySeatOffered = "activity.seat_offered";
    public const string ActivitySessionReminder = "activity.session_reminder";
    public const string ActivitySignUpConfirmed = "activity.signup_confirmed";
    public const string ActivitySignUpDeclined = "activity.signup_declined";
    public const string ActivityCancelled = "activity.cancelled";
}
