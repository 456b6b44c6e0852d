using System.Globalization;
using System.Text.Json.Nodes;
using GongTongDizao.Core.Events;

namespace GongTongDizao.Core.Features.Letters;

/// <summary>
/// The events of a letter's handling that concern one person each: <c>letter.assigned</c> tells the assigned worker
/// (with the due date), <c>letter.marked_duplicate</c> tells the author which letter theirs duplicates.
/// </summary>
public static class LetterFollowUpEvents
{
    public static DomainEvent Assigned(Letter letter, LetterAssignee assignee, string actorId, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(letter);
        ArgumentNullException.ThrowIfNull(assignee);
        return DomainEvent.Create(EventTypes.LetterAssigned, LetterEvents.EntityType, letter.Id, letter.CommunityId, actorId, at, new JsonObject
        {
            ["letterId"] = letter.Id,
            ["title"] = LetterEvents.Shorten(letter.Title, 20),
            ["category"] = LetterCodes.Of(letter.Category),
            ["categoryLabel"] = LetterCategories.Label(letter.Category),
            ["communityId"] = letter.CommunityId,
            ["handlingOrgId"] = letter.HandlingOrgId,
            ["assigneeId"] = assignee.UserId,
            ["dueAt"] = assignee.DueAt.ToString("O", CultureInfo.InvariantCulture),
        });
    }

    /// <summary>Names the original by id and status only: its text and author belong to another resident.</summary>
    public static DomainEvent MarkedDuplicate(Letter letter, Letter original, string actorId, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(letter);
        ArgumentNullException.ThrowIfNull(original);
        return DomainEvent.Create(EventTypes.LetterMarkedDuplicate, LetterEvents.EntityType, letter.Id, letter.CommunityId, actorId, at, new JsonObject
        {
            ["letterId"] = letter.Id,
            ["title"] = LetterEvents.Shorten(letter.Title, 20),
            ["authorId"] = letter.AuthorId,
            ["communityId"] = letter.CommunityId,
            ["originalLetterId"] = original.Id,
            ["originalStatus"] = LetterTransitions.StatusLabel(original.Status),
        });
    }
}
