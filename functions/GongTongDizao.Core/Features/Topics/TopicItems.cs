using GongTongDizao.Core.Features.Attachments;
using System.Text.Json.Serialization;

namespace GongTongDizao.Core.Features.Topics;

/// <summary>
/// One resident's second (附议). Its id is <c>second~&lt;topicId&gt;~&lt;userId&gt;</c>, so creating it twice is a
/// 409 and a second counts once however often it is sent.
/// </summary>
public sealed record Second
{
    public const string DocumentType = "second";

    [JsonPropertyName("id")]
    public required string Id { get; init; }

    public string Type { get; init; } = DocumentType;

    public required string CommunityId { get; init; }

    public required string TopicId { get; init; }

    public required string UserId { get; init; }

    public required DateTimeOffset At { get; init; }

    public static string IdFor(string topicId, string userId) => $"second~{topicId}~{userId}";
}

public enum Stance
{
    Support,
    Oppose,
    Neutral,
}

public enum CommentStatus
{
    Published,

    /// <summary>The text check asked for a moderator.</summary>
    Held,

    /// <summary>Hidden by residents' reports until a moderator decides.</summary>
    Reported,

    /// <summary>A moderator refused it.</summary>
    Removed,
}

/// <summary>A comment with a stance; id <c>&lt;communityId&gt;~c~&lt;guid&gt;</c> so moderation can point-read it.</summary>
public sealed record Comment
{
    public const string DocumentType = "comment";

    /// <summary>Reports by different residents that hide a comment until a moderator decides.</summary>
    public const int ReportsToHide = 3;

    [JsonPropertyName("id")]
    public required string Id { get; init; }

    public string Type { get; init; } = DocumentType;

    public required string CommunityId { get; init; }

    public required string TopicId { get; init; }

    public required string AuthorId { get; init; }

    public string? AuthorName { get; init; }

    public required Stance Stance { get; init; }

    public required string Content { get; init; }

    /// <summary>Photos committed to the comment (uploads of purpose <c>comment</c>).</summary>
    public IReadOnlyList<AttachmentRef> Attachments { get; init; } = [];

    public required CommentStatus Status { get; init; }

    /// <summary>Who reported it since a moderator last looked (each person once).</summary>
    public IReadOnlyList<string> Reporters { get; init; } = [];

    public string? ModerationReason { get; init; }

    public DateTimeOffset? HeldAt { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public static string NewId(string communityId) => $"{communityId}~c~{Guid.NewGuid():N}";

    /// <summary>Adds a report; the third distinct reporter hides a published comment. Reporting twice changes nothing.</summary>
    public Comment Report(string userId, DateTimeOffset at)
    {
        if (Reporters.Contains(userId) || Status == CommentStatus.Removed)
        {
            return this;
        }

        var reporters = Reporters.Append(userId).ToList();
        var hide = Status == CommentStatus.Published && reporters.Count >= ReportsToHide;
        return this with { Reporters = reporters, Status = hide ? CommentStatus.Reported : Status, HeldAt = hide ? at : HeldAt };
    }
}

/// <summary>A resident's rating of the deed; id <c>evaluation~&lt;topicId&gt;~&lt;userId&gt;</c> (once each).</summary>
public sealed record Evaluation
{
    public const string DocumentType = "evaluation";

    [JsonPropertyName("id")]
    public required string Id { get; init; }

    public string Type { get; init; } = DocumentType;

    public required string CommunityId { get; init; }

    public required string TopicId { get; init; }

    public required string UserId { get; init; }

    public required int Rating { get; init; }

    public string? Comment { get; init; }

    /// <summary>The comment waits for a moderator (the rating counts anyway).</summary>
    public bool CommentHeld { get; init; }

    public required DateTimeOffset At { get; init; }

    public static string IdFor(string topicId, string userId) => $"evaluation~{topicId}~{userId}";
}
