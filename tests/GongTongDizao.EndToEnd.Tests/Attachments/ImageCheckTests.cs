using GongTongDizao.Core.Audit;
using GongTongDizao.Core.Features.Attachments;
using GongTongDizao.Core.Timers;
using GongTongDizao.DevHost.Seeding;
using GongTongDizao.Testing;
using GongTongDizao.WeChat;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.EndToEnd.Tests.Attachments;

/// <summary>
/// Verdicts handed to the handler as the push endpoint does, and the 30-minute timeout through the timer dispatcher.
/// The parent ids contain "noverdict", so the simulator never pushes a verdict of its own for these photos.
/// </summary>
[Collection(AttachmentsCollection.Name)]
public sealed class ImageCheckTests(AttachmentsFixture host)
{
    private const string DemoCommunity = "420106001001";

    [Fact]
    public async Task A_pass_verdict_marks_the_photo_passed_and_readers_keep_their_url()
    {
        var (refs, userId, traceId) = await CommitAsync();

        await Verdicts.HandleAsync(Verdict(traceId, ContentSuggest.Pass), CancellationToken.None);
        var view = Assert.Single(await host.Attachments.ViewAsync(refs, CancellationToken.None));

        Assert.Equal("passed", view.Status);
        Assert.NotNull(view.Url);
        Assert.Equal(MediaCheckStatus.Passed, (await host.Uploads.FindAsync(userId, refs[0].UploadId, CancellationToken.None))!.Check!.Status);
    }

    [Fact]
    public async Task A_risky_verdict_hides_the_photo_audits_and_alerts_moderators()
    {
        var (refs, _, traceId) = await CommitAsync();

        await Verdicts.HandleAsync(Verdict(traceId, ContentSuggest.Risky), CancellationToken.None);
        await Verdicts.HandleAsync(Verdict(traceId, ContentSuggest.Risky), CancellationToken.None);
        var view = Assert.Single(await host.Attachments.ViewAsync(refs, CancellationToken.None));
        var audit = await AuditAsync(refs[0].UploadId);

        Assert.Equal("rejected", view.Status);
        Assert.Null(view.Url);
        Assert.Null(view.ExpiresAt);
        Assert.Single(audit, a => a.Action == "attachment.media_check_rejected" && a.From == "pending" && a.To == "rejected" && a.ActorId == AuditLog.SystemActor);
        Assert.Contains(host.Logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("MediaRejected", StringComparison.Ordinal) && l.Contains(refs[0].UploadId, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0, "review")]
    [InlineData(-1008, "download_failed")]
    public async Task A_review_verdict_or_a_failed_download_holds_the_photo_for_moderators(int errCode, string reason)
    {
        var (refs, userId, traceId) = await CommitAsync();

        await Verdicts.HandleAsync(Verdict(traceId, ContentSuggest.Review) with { ErrCode = errCode }, CancellationToken.None);
        var view = Assert.Single(await host.Attachments.ViewAsync(refs, CancellationToken.None));
        var record = await host.Uploads.FindAsync(userId, refs[0].UploadId, CancellationToken.None);

        Assert.Equal("held", view.Status);
        Assert.Null(view.Url);
        Assert.Equal(reason, record!.Check!.Reason);
    }

    [Fact]
    public async Task No_verdict_within_thirty_minutes_holds_the_photo()
    {
        var (refs, userId, _) = await CommitAsync();
        var dispatcher = host.Services.GetRequiredService<TimerDispatcher>();
        var timeout = new TimerMessage(AttachmentRules.TimeoutTimerKind, refs[0].UploadId, userId, host.Time.GetUtcNow());

        await dispatcher.DispatchAsync(timeout, CancellationToken.None);
        await dispatcher.DispatchAsync(timeout, CancellationToken.None);
        var view = Assert.Single(await host.Attachments.ViewAsync(refs, CancellationToken.None));
        var audit = await AuditAsync(refs[0].UploadId);

        Assert.Equal("held", view.Status);
        Assert.Null(view.Url);
        Assert.Equal(MediaCheckReasons.NoVerdict, (await host.Uploads.FindAsync(userId, refs[0].UploadId, CancellationToken.None))!.Check!.Reason);
        Assert.Single(audit, a => a.Action == "attachment.media_check_held");
    }

    [Fact]
    public async Task The_timeout_leaves_a_photo_alone_once_its_verdict_arrived()
    {
        var (refs, userId, traceId) = await CommitAsync();
        await Verdicts.HandleAsync(Verdict(traceId, ContentSuggest.Pass), CancellationToken.None);

        await host.Services.GetRequiredService<TimerDispatcher>().DispatchAsync(
            new TimerMessage(AttachmentRules.TimeoutTimerKind, refs[0].UploadId, userId, host.Time.GetUtcNow()), CancellationToken.None);

        Assert.Equal(MediaCheckStatus.Passed, (await host.Uploads.FindAsync(userId, refs[0].UploadId, CancellationToken.None))!.Check!.Status);
    }

    [Fact]
    public async Task An_unknown_trace_id_changes_nothing()
    {
        var (refs, userId, _) = await CommitAsync();

        await Assert.ThrowsAsync<UnknownMediaCheckTraceException>(() => Verdicts.HandleAsync(Verdict("0000-unknown-trace", ContentSuggest.Risky), CancellationToken.None));

        Assert.Equal(MediaCheckStatus.Pending, (await host.Uploads.FindAsync(userId, refs[0].UploadId, CancellationToken.None))!.Check!.Status);
    }

    [Fact]
    public async Task Held_photos_are_in_the_queue_of_moderators_in_scope_only_and_every_decision_is_audited()
    {
        var (approveRefs, _, approveTrace) = await CommitAsync();
        var (rejectRefs, _, rejectTrace) = await CommitAsync();
        await Verdicts.HandleAsync(Verdict(approveTrace, ContentSuggest.Review), CancellationToken.None);
        await Verdicts.HandleAsync(Verdict(rejectTrace, ContentSuggest.Review), CancellationToken.None);
        var moderator = await host.LoginAsync(DemoUsers.Moderator);
        var outsider = await ModeratorOfAsync("420106008");
        var (resident, _) = await host.NewResidentAsync();
        var approveId = approveRefs[0].UploadId;
        var rejectId = rejectRefs[0].UploadId;

        var queue = await AllQueueItemsAsync(moderator);
        var outsiderQueue = await AllQueueItemsAsync(outsider);
        var (residentStatus, _) = await host.SendAsync(HttpMethod.Get, "api/staff/moderation", resident);
        var (outsiderApprove, _) = await host.SendAsync(HttpMethod.Post, $"api/staff/moderation/image/{approveId}/approve", outsider);
        var (noReason, _) = await host.SendAsync(HttpMethod.Post, $"api/staff/moderation/image/{rejectId}/reject", moderator, new { reason = "" });
        var (approved, _) = await host.SendAsync(HttpMethod.Post, $"api/staff/moderation/image/{approveId}/approve", moderator);
        var (rejected, _) = await host.SendAsync(HttpMethod.Post, $"api/staff/moderation/image/{rejectId}/reject", moderator, new { reason = "含有他人身份证号码" });
        var (again, problem) = await host.SendAsync(HttpMethod.Post, $"api/staff/moderation/image/{approveId}/approve", moderator);
        var (unknownType, _) = await host.SendAsync(HttpMethod.Post, $"api/staff/moderation/poll/{approveId}/approve", moderator);
        var views = await host.Attachments.ViewAsync([.. approveRefs, .. rejectRefs], CancellationToken.None);
        var lateVerdict = Verdict(rejectTrace, ContentSuggest.Pass);
        await Verdicts.HandleAsync(lateVerdict, CancellationToken.None);

        var item = Assert.Single(queue, i => i.GetProperty("itemId").GetString() == approveId);
        Assert.Equal("image", item.GetProperty("itemType").GetString());
        Assert.Equal(DemoCommunity, item.GetProperty("orgId").GetString());
        Assert.Equal("微信图片检测建议人工复核", item.GetProperty("reason").GetString());
        Assert.StartsWith("http://127.0.0.1:", item.GetProperty("preview").GetString(), StringComparison.Ordinal);
        Assert.Contains(queue, i => i.GetProperty("itemId").GetString() == rejectId);
        Assert.DoesNotContain(outsiderQueue, i => i.GetProperty("itemId").GetString() == approveId);
        Assert.Equal(403, residentStatus);
        // To a moderator out of scope the held photo does not exist (docs/security.md, rule moderation-decision).
        Assert.Equal(404, outsiderApprove);
        Assert.Equal(400, noReason);
        Assert.Equal(204, approved);
        Assert.Equal(204, rejected);
        Assert.Equal(409, again);
        Assert.Equal("INVALID_STATE", problem.GetProperty("code").GetString());
        Assert.Equal(404, unknownType);
        Assert.Equal(["passed", "rejected"], views.Select(v => v.Status));
        Assert.NotNull(views[0].Url);
        Assert.Null(views[1].Url);
        Assert.Contains(await AuditAsync(approveId), a => a.Action == "attachment.moderation_approved" && a.From == "held" && a.To == "passed" && a.ActorId.StartsWith('u'));
        Assert.Contains(await AuditAsync(rejectId), a => a.Action == "attachment.moderation_rejected" && a.Reason == "含有他人身份证号码");
        Assert.Equal(MediaCheckStatus.Rejected, (await host.Uploads.FindByIdAsync(rejectId, CancellationToken.None))!.Check!.Status);
    }

    private MediaCheckVerdicts Verdicts => host.Services.GetRequiredService<MediaCheckVerdicts>();

    private static MediaCheckEvent Verdict(string traceId, ContentSuggest suggest) => new()
    {
        TraceId = traceId,
        Suggest = suggest,
        Label = suggest == ContentSuggest.Pass ? 100 : 20002,
        EventName = "wxa_media_check",
        Version = 2,
    };

    private async Task<(IReadOnlyList<AttachmentRef> Refs, string UserId, string TraceId)> CommitAsync()
    {
        var (token, userId) = await host.NewResidentAsync();
        var uploadId = await host.UploadAsync(token, AttachmentsFixture.Jpeg);
        var result = await host.Attachments.CommitAsync(userId, [uploadId], "letter", "noverdict-" + uploadId, DemoCommunity, CancellationToken.None);
        Assert.True(result.IsSuccess);
        var traceId = (await host.Uploads.FindAsync(userId, uploadId, CancellationToken.None))!.Check!.TraceId;
        Assert.False(string.IsNullOrEmpty(traceId));
        return (result.Value, userId, traceId);
    }

    private async Task<string> ModeratorOfAsync(string orgId)
    {
        var (token, userId) = await host.NewResidentAsync();
        var (granted, _) = await host.SendAsync(HttpMethod.Post, $"api/manage/users/{userId}/roles", body: new { role = "moderator", orgId }, functionKey: DevHostFixture.FunctionKey);
        Assert.Equal(200, granted);
        return token;
    }

    private async Task<List<System.Text.Json.JsonElement>> AllQueueItemsAsync(string token)
    {
        var items = new List<System.Text.Json.JsonElement>();
        string? continuation = null;
        do
        {
            var path = continuation is null ? "api/staff/moderation" : $"api/staff/moderation?continuation={Uri.EscapeDataString(continuation)}";
            var (status, page) = await host.SendAsync(HttpMethod.Get, path, token);
            Assert.Equal(200, status);
            items.AddRange(page.GetProperty("items").EnumerateArray());
            continuation = page.TryGetProperty("continuation", out var next) ? next.GetString() : null;
        }
        while (continuation is not null);
        return items;
    }

    private async Task<List<AuditEvent>> AuditAsync(string uploadId)
    {
        var events = host.Services.GetRequiredService<CosmosClient>().GetContainer("gongtongdizao", "events");
        var query = new QueryDefinition("SELECT * FROM e WHERE e.entityId = @id").WithParameter("@id", uploadId);
        var entries = new List<AuditEvent>();
        using var feed = events.GetItemQueryIterator<AuditEvent>(query, requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(uploadId) });
        while (feed.HasMoreResults)
        {
            entries.AddRange(await feed.ReadNextAsync());
        }

        return entries;
    }
}
