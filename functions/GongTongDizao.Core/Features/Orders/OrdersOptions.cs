using System.ComponentModel.DataAnnotations;

namespace GongTongDizao.Core.Features.Orders;

/// <summary>Deadlines and limits of 青年点单 (app settings <c>Orders__TakeTimeout</c> …).</summary>
public sealed class OrdersOptions
{
    public const string SectionName = "Orders";

    /// <summary>An order offered to teams that nobody takes within this time goes back to the office, which is alerted.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan TakeTimeout { get; set; } = TimeSpan.FromHours(24);

    /// <summary>A delivered order the resident does not rate closes unrated after this time.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan RatingWindow { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Orders one resident may place per day (China Standard Time).</summary>
    [Range(1, 100)]
    public int DailyLimit { get; set; } = 3;
}
