using System.ComponentModel.DataAnnotations;

namespace GongTongDizao.Core.Features.Hours;

/// <summary>How attendance becomes volunteer hours (app settings <c>Hours__Step</c> …); the defaults are in the contract and 0016.</summary>
public sealed class HoursOptions : IValidatableObject
{
    public const string SectionName = "Hours";

    /// <summary>Hours are credited in steps of this length (half an hour).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "04:00:00")]
    public TimeSpan Step { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How service time becomes whole steps: down (the default: never credit time not served), nearest or up.</summary>
    public HoursRounding Rounding { get; set; } = HoursRounding.Down;

    /// <summary>The share of the session the attendance must cover for any hours to be credited ("most of the session").</summary>
    [Range(0.05, 1.0)]
    public double MinimumAttendance { get; set; } = 0.5;

    /// <summary>A session's check-in code opens this long before the session starts.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan CheckInOpensBefore { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// The code still checks out this long after the session's end; then forgotten check-outs are closed at the
    /// session's end and flagged.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan CheckOutGrace { get; set; } = TimeSpan.FromMinutes(30);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enum.IsDefined(Rounding))
        {
            yield return new ValidationResult("Hours:Rounding must be Down, Nearest or Up.", [nameof(Rounding)]);
        }

        if (TimeSpan.FromHours(1).Ticks % Step.Ticks != 0 && Step.Ticks % TimeSpan.FromHours(1).Ticks != 0)
        {
            yield return new ValidationResult("Hours:Step must divide an hour or be whole hours, so totals stay in whole steps.", [nameof(Step)]);
        }
    }
}

public enum HoursRounding
{
    Down,
    Nearest,
    Up,
}
