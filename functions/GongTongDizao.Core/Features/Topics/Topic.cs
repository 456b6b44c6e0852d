using System.Text.Json.Serialization;
using GongTongDizao.Core.Aggregates;
using GongTongDizao.Core.Events;
using GongTongDizao.Core.Features.Attachments;

namespace GongTongDizao.Core.Features.Topics;

/// <summary>
/// A topic in the topics container (partition key communityId, <c>type</c> "topic"). Its id is
/// <c>&lt;communityId&gt;~&lt;guid&gt;</c>, so an id alone is enough for a point read. Meetings (with their
/// registrations), the decision and the deed live inside it, so capacity and the waiting list change atomically
/// under one ETag; seconds, comments and evaluations are separate documents in the same partition.
/// </summary>
public sealed record Topic : IAggregate<Topic>
{
    public const string DocumentType = "topic";

    [JsonPropertyName("id")]
    public required string Id { get; init; }

    public string Type { get; init; } = DocumentType;

    public required string CommunityId { get; init; }

    public required string Title { get; init; }

    public required string Description { get; init; }

    public required string AuthorId { get; init; }

    /// <summary>The author's display name when they proposed it; null once they deleted their account.</summary>
    public string? AuthorName { get; init; }

    public required TopicStatus Status { get; init; }

    /// <summary>Why the topic is in its current side state (rejection, withdrawal, moderation, send-back).</summary>
    public string? StatusReason { get; init; }

    public IReadOnlyList<AttachmentRef> Attachments { get; init; } = [];

    /// <summary>Kept by atomic patch increments; see docs/decisions/0005-showcase-formula.md.</summary>
    public long SecondCount { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? PublishedAt { get; init; }

    /// <summary>When seconding closes; the threshold must be reached before then.</summary>
    public DateTimeOffset? ThresholdDeadline { get; init; }

    public DateTimeOffset? ThresholdReachedAt { get; init; }

    public IReadOnlyList<Meeting> Meetings { get; init; } = [];

    /// <summary>Everyone who ever registered for a meeting of this topic (audiences and personal data).</summary>
    public IReadOnlyList<string> RegistrantIds { get; init; } = [];

    public Decision? Decision { get; init; }

    public Deed? Deed { get; init; }

    public DateTimeOffset? DeliveredAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public long EvaluationCount { get; init; }

    public long RatingSum { get; init; }

    public string? MergedIntoTopicId { get; init; }

    public IReadOnlyList<DomainEvent> Outbox { get; init; } = [];

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    string IAggregate<Topic>.PartitionKey => CommunityId;

    public Topic WithOutbox(IReadOnlyList<DomainEvent> outbox) => this with { Outbox = outbox };

    public static string NewId(string communityId) => $"{communityId}~{Guid.NewGuid():N}";

    /// <summary>The partition (community) a topic id belongs to, or null for an id we never issued.</summary>
    public static string? CommunityOf(string topicId)
    {
        var separator = topicId.IndexOf('~', StringComparison.Ordinal);
        return separator > 0 && separator < topicId.Length - 1 ? topicId[..separator] : null;
    }

    public Meeting? FindMeeting(string meetingId) => Meetings.FirstOrDefault(m => m.Id == meetingId);

    public Topic WithMeeting(Meeting meeting) => this with { Meetings = [.. Meetings.Select(m => m.Id == meeting.Id ? meeting : m)] };

    public int MeetingsHeld => Meetings.Count(m => m.Status == MeetingStatus.Held);
}

public enum MeetingStatus
{
    Scheduled,
    Held,
}

/// <summary>
/// A deliberation meeting (议事会). Registered and waiting are user ids in order; the waiting list moves up when a
/// registered person cancels. Both change only in an ETag-checked replace of the topic.
/// </summary>
public sealed record Meeting
{
    public const int MaxWaiting = 200;

    public required string Id { get; init; }

    public required DateTimeOffset StartsAt { get; init; }

    public required string Place { get; init; }

    public required string Agenda { get; init; }

    public required int Capacity { get; init; }

    public MeetingStatus Status { get; init; } = MeetingStatus.Scheduled;

    public IReadOnlyList<string> Registered { get; init; } = [];

    public IReadOnlyList<string> Waiting { get; init; } = [];

    public int? Attendees { get; init; }

    public string? Summary { get; init; }

    public DateTimeOffset? HeldAt { get; init; }

    public required string ScheduledBy { get; init; }

    /// <summary>Recorded after the fact: it took place before it was entered, so nobody registered or was invited.</summary>
    public bool HeldOffline { get; init; }

    /// <summary>The caller's place: registered, or waiting at a 1-based position, or not registered.</summary>
    public (RegistrationState State, int? Position) PlaceOf(string userId)
    {
        if (Registered.Contains(userId))
        {
            return (RegistrationState.Registered, null);
        }

        var index = Waiting.ToList().IndexOf(userId);
        return index >= 0 ? (RegistrationState.Waiting, index + 1) : (RegistrationState.None, null);
    }

    /// <summary>Registers, or queues when full; registering twice changes nothing. Null when the waiting list is full too.</summary>
    public Meeting? Register(string userId)
    {
        if (PlaceOf(userId).State != RegistrationState.None)
        {
            return this;
        }

        if (Registered.Count < Capacity)
        {
            return this with { Registered = [.. Registered, userId] };
        }

        return Waiting.Count >= MaxWaiting ? null : this with { Waiting = [.. Waiting, userId] };
    }

    /// <summary>Cancels a registration or a place in the queue; a freed seat goes to the first person waiting.</summary>
    public Meeting Cancel(string userId)
    {
        if (Waiting.Contains(userId))
        {
            return this with { Waiting = [.. Waiting.Where(u => u != userId)] };
        }

        if (!Registered.Contains(userId))
        {
            return this;
        }

        var registered = Registered.Where(u => u != userId).ToList();
        var waiting = Waiting.ToList();
        while (registered.Count < Capacity && waiting.Count > 0)
        {
            registered.Add(waiting[0]);
            waiting.RemoveAt(0);
        }

        return this with { Registered = registered, Waiting = waiting };
    }
}

public enum RegistrationState
{
    None,
    Registered,
    Waiting,
}

public enum DecisionOutcome
{
    Accepted,
    Rejected,
}

/// <summary>民事民决: the vote recorded by staff.</summary>
public sealed record Decision(DecisionOutcome Outcome, int VotesFor, int VotesAgainst, int Abstentions, string? Reason, string DecidedBy, DateTimeOffset DecidedAt);

/// <summary>民事民办: the deed an accepted topic delivers, with its plan and a timeline of progress updates.</summary>
public sealed record Deed
{
    public string? Owner { get; init; }

    public IReadOnlyList<Milestone> Milestones { get; init; } = [];

    public IReadOnlyList<ProgressUpdate> Progress { get; init; } = [];

    public int Percent => Progress.Count == 0 ? 0 : Progress[^1].Percent;
}

public sealed record Milestone(string Title, DateOnly? DueOn);

public sealed record ProgressUpdate(string Id, string Text, int Percent, IReadOnlyList<AttachmentRef> Attachments, string ReportedBy, DateTimeOffset At);
