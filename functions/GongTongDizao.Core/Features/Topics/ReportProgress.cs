using GongTongDizao.Core.ContentSafety;
using GongTongDizao.WeChat;

namespace GongTongDizao.Core.Features.Topics;

public sealed record ReportProgressRequest(string Text, int Percent, IReadOnlyList<string>? Attachments);

public sealed class ReportProgressValidator : AbstractValidator<ReportProgressRequest>
{
    public ReportProgressValidator()
    {
        RuleFor(r => r.Text).NotEmpty().Text(2, 1000, multiline: true);
        RuleFor(r => r.Percent).InclusiveBetween(0, 100);
        RuleFor(r => r.Attachments).Must(a => a is null || a.Count <= TopicAttachments.MaxPerItem).WithMessage($"最多 {TopicAttachments.MaxPerItem} 张图片");
        RuleForEach(r => r.Attachments).NotEmpty().MaximumLength(64);
    }
}

/// <summary>
/// A progress update on the deed's timeline. 100 % means delivered: the topic moves on to evaluation (民事民评).
/// </summary>
public sealed class ReportProgress(TopicGate gate, TopicWriter writer, TopicViews views, TopicAttachments attachments, ContentGuard guard)
{
    public const int MaxUpdates = 100;

    public async Task<Result<TopicView>> HandleAsync(Caller caller, string topicId, ReportProgressRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var action = request.Percent == 100 ? TopicAction.Deliver : TopicAction.ReportProgress;
        var gated = await gate.CheckAsync(caller, topicId, action, cancellationToken);
        if (!gated.IsSuccess)
        {
            return gated.Error;
        }

        var topic = gated.Value.Topic;
        var deed = topic.Deed ?? new Deed();
        if (deed.Progress.Count >= MaxUpdates)
        {
            return Error.InvalidState($"进展最多 {MaxUpdates} 条");
        }

        if (await guard.CheckStaffTextAsync(caller.User.OpenId, ContentCheckScene.Forum, [request.Text], cancellationToken) is { } refused)
        {
            return refused;
        }

        var updateId = Guid.NewGuid().ToString("N")[..12];
        var committed = await attachments.CommitAsync(caller.Id, request.Attachments, "progress", $"{topic.Id}~{updateId}", topic.CommunityId, cancellationToken);
        if (!committed.IsSuccess)
        {
            return committed.Error;
        }

        var update = new ProgressUpdate(updateId, request.Text.Trim(), request.Percent, committed.Value, caller.Id, writer.Now);
        var after = topic with
        {
            Status = gated.Value.To,
            Deed = deed with { Progress = [.. deed.Progress, update] },
            DeliveredAt = action == TopicAction.Deliver ? writer.Now : topic.DeliveredAt,
            StatusReason = null,
        };
        var saved = await writer.SaveAsync(topic, after, action == TopicAction.Deliver ? "deed.delivered" : "deed.progress", caller.Id, null, [], cancellationToken);
        return saved.IsSuccess ? await views.CreateAsync(saved.Value, caller, gated.Value.Roles, cancellationToken) : saved.Error;
    }
}
