using GongTongDizao.Core.Auth;
using GongTongDizao.Core.Features.Attachments;
using GongTongDizao.Core.Features.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace GongTongDizao.EndToEnd.Tests.Attachments;

[Collection(AttachmentsCollection.Name)]
public sealed class OrphanSweepTests(AttachmentsFixture host)
{
    [Fact]
    public async Task Uploads_never_committed_within_a_day_are_deleted_with_their_blob_and_younger_or_committed_ones_stay()
    {
        var (token, userId) = await host.NewResidentAsync();
        var caller = new Caller((await host.Services.GetRequiredService<UserStore>().FindAsync(userId, CancellationToken.None))!);
        var blobs = host.Services.GetRequiredService<AttachmentBlobs>();

        // Asked for 25 hours ago (the handler on a clock set back), and the bytes did arrive.
        var yesterday = new CreateUpload(host.Uploads, blobs, new ShiftedClock(TimeSpan.FromHours(-25)));
        var old = await yesterday.HandleAsync(caller, new CreateUploadRequest("topic", "image/jpeg", AttachmentsFixture.Jpeg.Length), CancellationToken.None);
        var oldId = ((UploadTicket)old.Value!.Value).UploadId;
        var oldBlob = blobs.Blob(AttachmentRules.UploadBlobName(userId, oldId));
        await oldBlob.UploadAsync(BinaryData.FromBytes(AttachmentsFixture.Jpeg));
        var fresh = await host.UploadAsync(token, AttachmentsFixture.Jpeg);
        var committed = await host.UploadAsync(token, AttachmentsFixture.Png, "image/png");
        Assert.True((await host.Attachments.CommitAsync(userId, [committed], "letter", "noverdict-" + committed, "420106001001", CancellationToken.None)).IsSuccess);

        await new UploadSweeper(host.Uploads, blobs, TimeProvider.System, NullLogger<UploadSweeper>.Instance).SweepAsync(CancellationToken.None);

        Assert.Null(await host.Uploads.FindAsync(userId, oldId, CancellationToken.None));
        Assert.False((await oldBlob.ExistsAsync()).Value);
        Assert.Equal(UploadStatus.Uploaded, (await host.Uploads.FindAsync(userId, fresh, CancellationToken.None))!.Status);
        Assert.True((await blobs.Blob(AttachmentRules.UploadBlobName(userId, fresh)).ExistsAsync()).Value);
        Assert.Equal(UploadStatus.Committed, (await host.Uploads.FindAsync(userId, committed, CancellationToken.None))!.Status);
    }

    /// <summary>
    /// Shifts the clock of the handler that creates the upload, not of the sweeper: the sweep crosses partitions of
    /// an emulator other tests share, so it must run on the real clock.
    /// </summary>
    private sealed class ShiftedClock(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + shift;
    }
}
