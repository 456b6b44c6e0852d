using GongTongDizao.Core.Features.Attachments;
using GongTongDizao.Core.Timers;
using GongTongDizao.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.EndToEnd.Tests.Attachments;

/// <summary>
/// The whole path: commit → media_check_async on the simulator → its signed wxa_media_check push to the DevHost's
/// /api/wechat/push → the verdict handler. The simulator picks its verdict from the media URL, which contains the parent id.
/// </summary>
[Collection(AttachmentsCollection.Name)]
public sealed class SimulatorPushTests(AttachmentsFixture host)
{
    [Theory]
    [InlineData("pass", MediaCheckStatus.Passed, true)]
    [InlineData("risky", MediaCheckStatus.Rejected, false)]
    [InlineData("review", MediaCheckStatus.Held, false)]
    public async Task The_pushed_verdict_decides_whether_readers_get_the_photo(string verdict, MediaCheckStatus expected, bool visible)
    {
        var (refs, userId) = await CommitAsync($"{verdict}-{Guid.NewGuid():N}");

        await Eventually.TrueAsync(
            async () => (await host.Uploads.FindAsync(userId, refs[0].UploadId, CancellationToken.None))?.Check?.Status == expected,
            TimeSpan.FromSeconds(45));
        var view = Assert.Single(await host.Attachments.ViewAsync(refs, CancellationToken.None));

        Assert.Equal(Core.Features.Attachments.AttachmentRules.StatusName(expected), view.Status);
        Assert.Equal(visible, view.Url is not null);
    }

    [Fact]
    public async Task Nine_photos_of_one_post_all_get_their_verdict_though_WeChat_pushes_them_in_the_same_second()
    {
        // Every verdict comes from the platform's push account, and nine checks submitted together are stamped within
        // a second or two: at least two share FromUserName and CreateTime, so only the trace_id tells them apart.
        var (token, userId) = await host.NewResidentAsync();
        var uploadIds = new List<string>();
        for (var i = 0; i < AttachmentRules.MaxPerItem; i++)
        {
            uploadIds.Add(await host.UploadAsync(token, AttachmentsFixture.Jpeg));
        }

        var result = await host.Attachments.CommitAsync(userId, uploadIds, "topic", $"pass-{Guid.NewGuid():N}", "420106001001", CancellationToken.None);
        Assert.True(result.IsSuccess);

        await Eventually.TrueAsync(
            async () =>
            {
                foreach (var item in result.Value)
                {
                    if ((await host.Uploads.FindAsync(userId, item.UploadId, CancellationToken.None))?.Check?.Status != MediaCheckStatus.Passed)
                    {
                        return false;
                    }
                }

                return true;
            },
            TimeSpan.FromSeconds(45));
        var views = await host.Attachments.ViewAsync(result.Value, CancellationToken.None);

        Assert.Equal(AttachmentRules.MaxPerItem, views.Count);
        Assert.All(views, v => Assert.NotNull(v.Url));
    }

    [Fact]
    public async Task Without_a_pushed_verdict_the_timeout_holds_the_photo()
    {
        var (refs, userId) = await CommitAsync($"noverdict-{Guid.NewGuid():N}");
        // The sentinel: a photo committed afterwards whose verdict the simulator does push, through the same push
        // endpoint after the same delay. Once its verdict is recorded, one for the first photo would have been too.
        var (sentinel, sentinelUserId) = await CommitAsync($"pass-{Guid.NewGuid():N}");
        await Eventually.TrueAsync(
            async () => (await host.Uploads.FindAsync(sentinelUserId, sentinel[0].UploadId, CancellationToken.None))?.Check?.Status == MediaCheckStatus.Passed,
            TimeSpan.FromSeconds(45),
            "the verdict pushed for the photo committed afterwards is recorded");

        var before = (await host.Uploads.FindAsync(userId, refs[0].UploadId, CancellationToken.None))!.Check!.Status;
        await host.Services.GetRequiredService<TimerDispatcher>().DispatchAsync(
            new TimerMessage(AttachmentRules.TimeoutTimerKind, refs[0].UploadId, userId, host.Time.GetUtcNow()), CancellationToken.None);
        var view = Assert.Single(await host.Attachments.ViewAsync(refs, CancellationToken.None));

        Assert.Equal(MediaCheckStatus.Pending, before);
        Assert.Equal("held", view.Status);
        Assert.Null(view.Url);
    }

    private async Task<(IReadOnlyList<AttachmentRef> Refs, string UserId)> CommitAsync(string parentId)
    {
        var (token, userId) = await host.NewResidentAsync();
        var uploadId = await host.UploadAsync(token, AttachmentsFixture.Jpeg);
        var result = await host.Attachments.CommitAsync(userId, [uploadId], "topic", parentId, "420106001001", CancellationToken.None);
        Assert.True(result.IsSuccess);
        return (result.Value, userId);
    }
}
