using System.Text.Json.Nodes;
using GongTongDizao.Core.Audit;
using GongTongDizao.Core.Events;

namespace GongTongDizao.Core.Features.Letters;

/// <summary>The events letters emit. <c>letter.submitted</c> goes to staff and never carries the author's identity.</summary>
public static class LetterEvents
{
    public const string EntityType = "letter";

    public static DomainEvent Submitted(Letter letter, string actorId, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(letter);
        return DomainEvent.Create(EventTypes.LetterSubmitted, EntityType, letter.Id, letter.CommunityId, letter.Anonymous ? "anonymous" : actorId, at, new JsonObject
        {
            ["letterId"] = letter.Id,
            ["title"] = Shorten(letter.Title, 20),
            ["category"] = LetterCodes.Of(letter.Category),
            ["categoryLabel"] = LetterCategories.Label(letter.Category),
            ["communityId"] = letter.CommunityId,
            ["handlingOrgId"] = letter.HandlingOrgId,
            ["anonymous"] = letter.Anonymous,
        });
    }

    public static DomainEvent Accepted(Letter letter, string actorId, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(letter);
        return DomainEvent.Create(EventTypes.LetterAccepted, EntityType, letter.Id, letter.CommunityId, actorId, at, new JsonObject
        {
            ["letterId"] = letter.Id,
            ["title"] = Shorten(letter.Title, 20),
            ["authorId"] = letter.AuthorId,
            ["communityId"] = letter.CommunityId,
            ["acceptedAt"] = at.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    public static DomainEvent Replied(Letter letter, string replyContent, string actorId, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(letter);
        return DomainEvent.Create(EventTypes.LetterReplied, EntityType, letter.Id, letter.CommunityId, actorId, at, new JsonObject
        {
            ["letterId"] = letter.Id,
            ["title"] = Shorten(letter.Title, 20),
            ["authorId"] = letter.AuthorId,
            ["communityId"] = letter.CommunityId,
            ["replySummary"] = Shorten(replyContent, 20),
        });
    }

    /// <summary><c>escalationOrgId</c> is the parent of the handling org: its staff are the ones to tell.</summary>
    public static DomainEvent Overdue(Letter letter, string stage, string? escalationOrgId, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(letter);
        return DomainEvent.Create(EventTypes.LetterOverdue, EntityType, letter.Id, letter.CommunityId, AuditLog.SystemActor, at, new JsonObject
        {
            ["letterId"] = letter.Id,
            ["title"] = Shorten(letter.Title, 20),
            ["stage"] = stage,
            ["submittedAt"] = (letter.ReceivedAt ?? letter.CreatedAt).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["communityId"] = letter.CommunityId,
            ["handlingOrgId"] = letter.HandlingOrgId,
            ["escalationOrgId"] = escalationOrgId ?? letter.HandlingOrgId,
        });
    }

    /// <summary>Subscribe-message "thing" values take at most 20 characters; cut by text elements, never inside an emoji.</summary>
    public static string Shorten(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        var info = new System.Globalization.StringInfo(text.Trim());
        return info.LengthInTextElements <= max ? info.String : info.SubstringByTextElements(0, max - 1) + "…";
    }
}
