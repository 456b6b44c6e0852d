using System.ComponentModel.DataAnnotations;

namespace GongTongDizao.Core.Features.Topics;

/// <summary>The rules of 妇女议事 a province may tune (app settings <c>Topics__…</c>), validated at start.</summary>
public sealed class TopicsOptions
{
    public const string SectionName = "Topics";

    /// <summary>Seconds (附议) a proposal needs within <see cref="SecondWindow"/> to move on to deliberation.</summary>
    [Range(1, 10_000)]
    public int SecondThreshold { get; set; } = 10;

    [Range(typeof(TimeSpan), "01:00:00", "180.00:00:00")]
    public TimeSpan SecondWindow { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Minimum number of votes cast (for + against + abstentions) for a decision to stand.</summary>
    [Range(1, 100_000)]
    public int Quorum { get; set; } = 5;

    /// <summary>How long after the deed is delivered residents may rate it.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "365.00:00:00")]
    public TimeSpan EvaluationWindow { get; set; } = TimeSpan.FromDays(30);
}
