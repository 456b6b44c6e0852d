using System.Globalization;
using System.Text.Json.Nodes;
using GongTongDizao.Core.Audit;
using GongTongDizao.Core.Events;
using GongTongDizao.Core.Features.Letters;

namespace GongTongDizao.Core.Features.Activities;

/// <summary>
/// The events activities emit. A deed scheduled goes to the topic's author and seconders (its followers); the
/// sign-up events go to the one person in <c>userId</c>. None carries a child's name or anything from a profile.
/// </summary>
public static class ActivityEvents
{
    public const string EntityType = "activity";

    public static DomainEvent DeedScheduled(Activity activity, string topicCommunityId, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var data = Data(activity, activity.Sessions[0].StartsAt);
        data["topicId"] = activity.TopicId;
        return DomainEvent.Create(EventTypes.ActivityDeedScheduled, EntityType, activity.Id, topicCommunityId, activity.CreatedBy, at, data);
    }

    public static DomainEvent SeatOffered(Activity activity, SessionRoster roster, SignUp signUp, DateTimeOffset at) =>
        ForPerson(EventTypes.ActivitySeatOffered, activity, roster, signUp, at, AuditLog.SystemActor, new JsonObject
        {
            ["expiresAt"] = signUp?.OfferExpiresAt?.ToString("O", CultureInfo.InvariantCulture),
        });

    public static DomainEvent Reminder(Activity activity, SessionRoster roster, SignUp signUp, DateTimeOffset at) =>
        ForPerson(EventTypes.ActivitySessionReminder, activity, roster, signUp, at, AuditLog.SystemActor);

    public static DomainEvent Decided(Activity activity, SessionRoster roster, SignUp signUp, bool confirmed, string actorId, DateTimeOffset at) =>
        ForPerson(confirmed ? EventTypes.ActivitySignUpConfirmed : EventTypes.ActivitySignUpDeclined, activity, roster, signUp, at, actorId, new JsonObject
        {
            ["reason"] = signUp?.DeclineReason is { } reason ? LetterEvents.Shorten(reason, 20) : null,
        });

    /// <summary>The activity was cancelled: one event per person who held or waited for a seat, with their earliest cancelled session.</summary>
    public static DomainEvent Cancelled(Activity activity, SessionRoster roster, SignUp signUp, string actorId, DateTimeOffset at) =>
        ForPerson(EventTypes.ActivityCancelled, activity, roster, signUp, at, actorId, new JsonObject
        {
            ["reason"] = activity?.CancelReason is { } reason ? LetterEvents.Shorten(reason, 20) : null,
        });

    private static DomainEvent ForPerson(string type, Activity? activity, SessionRoster? roster, SignUp? signUp, DateTimeOffset at, string actorId, JsonObject? extra = null)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(roster);
        ArgumentNullException.ThrowIfNull(signUp);
        var data = Data(activity, roster.StartsAt);
        data["userId"] = signUp.UserId;
        data["sessionId"] = roster.SessionId;
        data["signUpId"] = signUp.Id;
        foreach (var (name, value) in extra ?? [])
        {
            data[name] = value?.DeepClone();
        }

        return DomainEvent.Create(type, EntityType, activity.Id, activity.Place.OrgId, actorId, at, data);
    }

    private static JsonObject Data(Activity activity, DateTimeOffset startsAt) => new()
    {
        ["activityId"] = activity.Id,
        ["title"] = LetterEvents.Shorten(activity.Title, 20),
        ["place"] = LetterEvents.Shorten(activity.Place.Address, 20),
        ["startsAt"] = startsAt.ToString("O", CultureInfo.InvariantCulture),
    };
}
