namespace GongTongDizao.DevHost.Triggers;

/// <summary>One firing of a trigger, to be sent to the worker as an InvocationRequest.</summary>
/// <param name="Function">The function that fired.</param>
/// <param name="Payload">
/// Queue: the decoded message text. Timer: the TimerInfo JSON the Functions host sends,
/// <c>{"Schedule":{"AdjustForDST":true},"ScheduleStatus":{"Last":"...","Next":"...","LastUpdated":"..."},"IsPastDue":false}</c>.
/// </param>
/// <param name="Metadata">
/// Queue: <c>QueueTrigger</c>, <c>DequeueCount</c>, <c>Id</c>, <c>PopReceipt</c>, <c>InsertionTime</c>, <c>ExpirationTime</c>,
/// <c>NextVisibleTime</c> (times in ISO 8601 "O"). Timer: empty.
/// </param>
public sealed record TriggerInvocation(TriggerFunction Function, string Payload, IReadOnlyDictionary<string, string> Metadata);
