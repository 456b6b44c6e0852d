using System.Text.Json.Serialization;
using GongTongDizao.Core.Aggregates;
using GongTongDizao.Core.Events;
using GongTongDizao.Core.Features.Attachments;

namespace GongTongDizao.Core.Features.Letters;

/// <summary>
/// A letter in the letters container (partition key = the author's home community at submission). Its id starts with
/// that community (<c>&lt;communityId&gt;~&lt;guid&gt;</c>), so reading it by id is one point read. Staff visibility follows
/// <see cref="HandlingPath"/>; statistics and the org filter follow <see cref="OrgPath"/>.
/// </summary>
public sealed record Letter : IAggregate<Letter>
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    public required string CommunityId { get; init; }

    /// <summary>The community and its ancestors: "letters of org N's subtree" is one ARRAY_CONTAINS.</summary>
    public IReadOnlyList<string> OrgPath { get; init; } = [];

    /// <summary>The org that handles the letter now: the community, or an ancestor it was transferred to.</summary>
    public required string HandlingOrgId { get; init; }

    /// <summary>The handling org and its ancestors: staff whose scope root is in here see and handle the letter.</summary>
    public IReadOnlyList<string> HandlingPath { get; init; } = [];

    /// <summary>A user id, or a pseudonym once the author deleted their account.</summary>
    public required string AuthorId { get; init; }

    /// <summary>The author's display name at submission; never stored for an anonymous letter.</summary>
    public string? AuthorName { get; init; }

    public required bool Anonymous { get; init; }

    public required LetterCategory Category { get; init; }

    public required string Title { get; init; }

    public required string Content { get; init; }

    public IReadOnlyList<AttachmentRef> Attachments { get; init; } = [];

    public required LetterStatus Status { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the letter reached staff (submitted): at once, or when a moderator approved it.</summary>
    public DateTimeOffset? ReceivedAt { get; init; }

    public DateTimeOffset? AcceptedAt { get; init; }

    public DateTimeOffset? FirstRepliedAt { get; init; }

    public DateTimeOffset? LastRepliedAt { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    public LetterDeadlines Deadlines { get; init; } = new();

    /// <summary>Facts for the statistics, fixed the first time they happen (a transfer or reopening does not rewrite them).</summary>
    public LetterMetrics Metrics { get; init; } = new();

    public bool Overdue { get; init; }

    public DateTimeOffset? OverdueAt { get; init; }

    /// <summary>accept | reply: which deadline was missed.</summary>
    public string? OverdueStage { get; init; }

    public LetterAssignee? Assignee { get; init; }

    public string? DuplicateOf { get; init; }

    public bool ReopenedOnce { get; init; }

    public LetterEvaluation? Evaluation { get; init; }

    public IReadOnlyList<LetterStep> Timeline { get; init; } = [];

    public IReadOnlyList<LetterReply> Replies { get; init; } = [];

    public IReadOnlyList<DomainEvent> Outbox { get; init; } = [];

    string IAggregate<Letter>.PartitionKey => CommunityId;

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public Letter WithOutbox(IReadOnlyList<DomainEvent> outbox) => this with { Outbox = outbox };
}

public sealed record LetterDeadlines
{
    public DateTimeOffset? AcceptBy { get; init; }

    public DateTimeOffset? ReplyBy { get; init; }

    /// <summary>When a replied letter without an evaluation closes itself.</summary>
    public DateTimeOffset? AutoCloseAt { get; init; }
}

public sealed record LetterMetrics
{
    public bool Received { get; init; }

    public long? AcceptSeconds { get; init; }

    public bool AcceptedOnTime { get; init; }

    public long? ReplySeconds { get; init; }

    public bool RepliedOnTime { get; init; }

    public bool Evaluated { get; init; }

    public bool Resolved { get; init; }

    /// <summary>Satisfaction 4 or 5.</summary>
    public bool Satisfied { get; init; }
}

public sealed record LetterAssignee(string UserId, string? DisplayName, DateTimeOffset DueAt, DateTimeOffset AssignedAt);

public sealed record LetterEvaluation(bool Resolved, int Satisfaction, string? Comment, DateTimeOffset At);

/// <summary>One status step. It names the actor's part (resident, staff…), never a person, so it is safe to show anyone who may read the letter.</summary>
public sealed record LetterStep(LetterStatus Status, LetterAction? Action, LetterActor Actor, DateTimeOffset At, string? Note = null);

public sealed record LetterReply(string Id, string Content, DateTimeOffset At, string ByUserId, string ByOrgId);
