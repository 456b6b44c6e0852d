using GongTongDizao.Core.Features.Attachments;
using Microsoft.Extensions.Options;

namespace GongTongDizao.Core.Features.Topics;

/// <summary>A topic as its reader sees it: counts, not who registered or seconded; the caller's own part in <see cref="Viewer"/>.</summary>
public sealed record TopicView(
    string Id,
    string CommunityId,
    string Title,
    string Description,
    TopicStatus Status,
    string? StatusReason,
    string? AuthorName,
    IReadOnlyList<AttachmentView> Attachments,
    long SecondCount,
    int SecondThreshold,
    DateTimeOffset? ThresholdDeadline,
    DateTimeOffset? ThresholdReachedAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? PublishedAt,
    IReadOnlyList<MeetingView> Meetings,
    DecisionView? Decision,
    DeedView? Deed,
    EvaluationSummaryView Evaluation,
    string? MergedIntoTopicId,
    TopicViewer Viewer);

public sealed record TopicViewer(bool IsAuthor, bool Seconded, bool Evaluated, bool CanManage);

public sealed record MeetingView(
    string Id,
    DateTimeOffset StartsAt,
    string Place,
    string Agenda,
    int Capacity,
    MeetingStatus Status,
    int RegisteredCount,
    int WaitingCount,
    int? Attendees,
    string? Summary,
    DateTimeOffset? HeldAt,
    RegistrationState MyRegistration,
    int? MyWaitingPosition,
    bool HeldOffline);

public sealed record DecisionView(DecisionOutcome Outcome, int VotesFor, int VotesAgainst, int Abstentions, string? Reason, DateTimeOffset DecidedAt);

public sealed record DeedView(string? Owner, IReadOnlyList<Milestone> Milestones, int Percent, IReadOnlyList<ProgressView> Progress);

public sealed record ProgressView(string Id, string Text, int Percent, IReadOnlyList<AttachmentView> Attachments, DateTimeOffset At);

public sealed record EvaluationSummaryView(long Count, double? AverageRating);

/// <summary>A line of a topic list.</summary>
public sealed record TopicSummary(string Id, string Title, TopicStatus Status, long SecondCount, DateTimeOffset CreatedAt, DateTimeOffset? ThresholdDeadline, string? AuthorName);

public sealed record TopicList(IReadOnlyList<TopicSummary> Items, string? Continuation);

/// <summary>Whether the reader has seconded and evaluated the topic (their own documents in its partition).</summary>
public readonly record struct TopicViewerItems(bool Seconded, bool Evaluated);

public sealed class TopicViews(TopicStore store, IOptions<TopicsOptions> options, TopicAttachments photos)
{
    public async Task<TopicView> CreateAsync(Topic topic, Caller caller, TopicRole roles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topic);
        ArgumentNullException.ThrowIfNull(caller);
        var mine = new TopicViewerItems(
            CanSecond(topic) && await store.ReadAsync<Second>(Second.IdFor(topic.Id, caller.Id), topic.CommunityId, cancellationToken) is not null,
            CanEvaluate(topic) && await store.ReadAsync<Evaluation>(Evaluation.IdFor(topic.Id, caller.Id), topic.CommunityId, cancellationToken) is not null);
        return await CreateAsync(topic, caller, roles, mine, cancellationToken);
    }

    /// <summary>The view when the caller's second and evaluation were read with the topic (<see cref="TopicStore.FindForViewerAsync"/>).</summary>
    public async Task<TopicView> CreateAsync(Topic topic, Caller caller, TopicRole roles, TopicViewerItems mine, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topic);
        ArgumentNullException.ThrowIfNull(caller);
        var seconded = CanSecond(topic) && mine.Seconded;
        var evaluated = CanEvaluate(topic) && mine.Evaluated;
        var progress = new List<ProgressView>();
        foreach (var update in topic.Deed?.Progress ?? [])
        {
            progress.Add(new ProgressView(update.Id, update.Text, update.Percent, await AttachmentsAsync(update.Attachments, cancellationToken), update.At));
        }

        return new TopicView(
            topic.Id,
            topic.CommunityId,
            topic.Title,
            topic.Description,
            topic.Status,
            topic.StatusReason,
            topic.AuthorName,
            await AttachmentsAsync(topic.Attachments, cancellationToken),
            topic.SecondCount,
            options.Value.SecondThreshold,
            topic.ThresholdDeadline,
            topic.ThresholdReachedAt,
            topic.CreatedAt,
            topic.PublishedAt,
            [.. topic.Meetings.Select(m => Meeting(m, caller.Id))],
            topic.Decision is { } d ? new DecisionView(d.Outcome, d.VotesFor, d.VotesAgainst, d.Abstentions, d.Reason, d.DecidedAt) : null,
            topic.Deed is { } deed ? new DeedView(deed.Owner, deed.Milestones, deed.Percent, progress) : null,
            new EvaluationSummaryView(topic.EvaluationCount, topic.EvaluationCount == 0 ? null : Math.Round((double)topic.RatingSum / topic.EvaluationCount, 2)),
            topic.MergedIntoTopicId,
            new TopicViewer((roles & TopicRole.Author) != 0, seconded, evaluated, (roles & TopicRole.Staff) != 0));
    }

    private static bool CanSecond(Topic topic) =>
        topic.Status is TopicStatus.Proposed or TopicStatus.Deliberating or TopicStatus.Delivering or TopicStatus.Evaluating or TopicStatus.Completed;

    private static bool CanEvaluate(Topic topic) => topic.Status is TopicStatus.Evaluating or TopicStatus.Completed;

    public static TopicSummary Summary(Topic topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        return new(topic.Id, topic.Title, topic.Status, topic.SecondCount, topic.CreatedAt, topic.ThresholdDeadline, topic.AuthorName);
    }

    private static MeetingView Meeting(Meeting meeting, string userId)
    {
        var (state, position) = meeting.PlaceOf(userId);
        return new MeetingView(
            meeting.Id, meeting.StartsAt, meeting.Place, meeting.Agenda, meeting.Capacity, meeting.Status,
            meeting.Registered.Count, meeting.Waiting.Count, meeting.Attendees, meeting.Summary, meeting.HeldAt, state, position, meeting.HeldOffline);
    }

    private async Task<IReadOnlyList<AttachmentView>> AttachmentsAsync(IReadOnlyList<AttachmentRef> attachments, CancellationToken cancellationToken) =>
        await photos.ViewAsync(attachments, cancellationToken);
}
