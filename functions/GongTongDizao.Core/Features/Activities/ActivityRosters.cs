using GongTongDizao.Core.Timers;

namespace GongTongDizao.Core.Features.Activities;

/// <summary>A session's roster as created with its activity, and the timers each session needs.</summary>
public static class ActivityRosters
{
    public const string ReminderKind = "activity.session_reminder";
    public const string SessionEndKind = "activity.session_end";
    public const string OfferTimeoutKind = "activity.offer_timeout";

    public static SessionRoster New(Activity activity, ActivitySession session)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(session);
        return new SessionRoster
        {
            Id = SessionRoster.IdOf(activity.Id, session.Id),
            ActivityId = activity.Id,
            SessionId = session.Id,
            OrgId = activity.Place.OrgId,
            OrgPath = activity.OrgPath,
            Kind = activity.Kind,
            StartsAt = session.StartsAt,
            EndsAt = session.EndsAt,
            Capacity = session.Capacity,
            VolunteerPlaces = session.VolunteerPlaces,
        };
    }

    /// <summary>The reminder the day before (none when that is already past) and the session's end (no-shows).</summary>
    public static IEnumerable<TimerMessage> Timers(SessionRoster roster, DateTimeOffset now, TimeSpan reminderLead)
    {
        ArgumentNullException.ThrowIfNull(roster);
        if (roster.StartsAt - reminderLead > now)
        {
            yield return new TimerMessage(ReminderKind, roster.Id, roster.ActivityId, roster.StartsAt - reminderLead);
        }

        yield return new TimerMessage(SessionEndKind, roster.Id, roster.ActivityId, roster.EndsAt);
    }

    public static TimerMessage OfferTimeout(SessionRoster roster, SignUp offered)
    {
        ArgumentNullException.ThrowIfNull(roster);
        ArgumentNullException.ThrowIfNull(offered);
        return new TimerMessage(OfferTimeoutKind, roster.Id, roster.ActivityId, offered.OfferExpiresAt!.Value, new System.Text.Json.Nodes.JsonObject { ["signUpId"] = offered.Id });
    }
}
