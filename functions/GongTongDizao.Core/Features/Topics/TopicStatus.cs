namespace GongTongDizao.Core.Features.Topics;

/// <summary>
/// Where a topic is in the five steps (提 proposed → 议 deliberating → 决 delivering/rejected → 办 delivering →
/// 评 evaluating → completed) or one of the side states. Stored and sent snake_case (e.g. "deliberating").
/// </summary>
public enum TopicStatus
{
    /// <summary>The text check asked for a moderator before anyone else may read it.</summary>
    Held,

    /// <summary>民事民提: published, collecting seconds until the threshold or the window's end.</summary>
    Proposed,

    /// <summary>民事民议: enough seconds; comments and meetings until staff record the decision.</summary>
    Deliberating,

    /// <summary>民事民办: accepted; the deed is being delivered with progress updates.</summary>
    Delivering,

    /// <summary>民事民评: the deed is delivered; residents rate it, staff close it or send it back.</summary>
    Evaluating,

    /// <summary>办成实事: closed as done.</summary>
    Completed,

    /// <summary>民事民决 said no; the published reason ends the topic.</summary>
    Rejected,

    Withdrawn,

    Expired,

    /// <summary>A moderator refused the text.</summary>
    Hidden,

    /// <summary>Folded into another topic of the same community.</summary>
    Merged,
}
