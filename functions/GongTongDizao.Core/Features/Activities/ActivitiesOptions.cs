using System.ComponentModel.DataAnnotations;

namespace GongTongDizao.Core.Features.Activities;

/// <summary>Times and limits of activities and sign-ups (app settings <c>Activities__OfferTimeout</c> …).</summary>
public sealed class ActivitiesOptions
{
    public const string SectionName = "Activities";

    /// <summary>A freed seat offered to the next person waiting is theirs if they confirm within this time; then it moves on.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan OfferTimeout { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How long before a session its reminder goes out (the day before).</summary>
    [Range(typeof(TimeSpan), "00:10:00", "7.00:00:00")]
    public TimeSpan ReminderLead { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// The longest waiting list of one role in one session: the roster is one document, so it must stay small, and a
    /// longer list would only promise seats that never come.
    /// </summary>
    [Range(1, 2000)]
    public int MaxWaiting { get; set; } = 200;

    /// <summary>
    /// How many times one sign-up re-reads the session roster after losing the race to another: every lost race means
    /// another sign-up was saved, so this bounds the number of people signing up for one session at the same moment.
    /// </summary>
    [Range(1, 1000)]
    public int SignUpAttempts { get; set; } = 100;
}
