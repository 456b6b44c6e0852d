using System.Text.Json.Nodes;

namespace GongTongDizao.Core.Timers;

/// <summary>
/// A deadline check delivered later through the <c>timers</c> queue (a delayed message, at most 7 days ahead; a
/// handler re-schedules what lies further out). <see cref="Kind"/> names the feature's check, e.g. "letter.accept_deadline".
/// </summary>
public sealed record TimerMessage(string Kind, string EntityId, string PartitionKey, DateTimeOffset DueAt, JsonObject? Data = null);
