using GongTongDizao.Core.Events;
using GongTongDizao.Core.Storage;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>
/// A broadcast's fan-out, one page per queue message (<see cref="FanOutCursor.PageSize"/> residents), so the
/// work of a message is bounded whatever the audience. A page is handled (<see cref="BroadcastPage"/>), then the
/// progress moves from page n-1 to n under its ETag together with the message for page n+1 (its outbox), then that
/// message is sent. A crash repeats at most the page in hand (its ids make the writes idempotent and its tally is
/// added only by the save that wins); a message for a page already saved only makes sure its successor was sent.
/// </summary>
public sealed partial class BroadcastFanOut(
    AudienceResolver audiences,
    BroadcastPage pages,
    BroadcastStore broadcasts,
    OutboxPublisher publisher,
    ILogger<BroadcastFanOut> logger)
{
    /// <summary>Handles the page <paramref name="cursor"/> names; the number of recipients it told.</summary>
    public async Task<int> HandleAsync(Notice notice, FanOutCursor cursor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(cursor);
        var broadcastId = notice.BroadcastId ?? throw new ArgumentException("Not a broadcast.", nameof(notice));
        var progress = await broadcasts.StartProgressAsync(broadcastId, cancellationToken);
        if (progress.Pages >= cursor.Page)
        {
            // A repeated message: the page is saved; its successor may not have been sent yet.
            await FinishPageAsync(progress, cancellationToken);
            return 0;
        }

        // A broadcast naming no audience we know reaches nobody, and is done.
        var audience = AudienceResolver.AudienceOf(notice.Event);
        var page = audience is null ? new ResidentPage([], null) : await audiences.ResidentsPageAsync(notice.Event, cursor, cursor.PageSize, cancellationToken);
        var tally = audience is { } to ? await pages.TellAsync(notice, to, page.Ids, cursor.Page, cancellationToken) : new PageTally(0, 0);
        if (await SaveAsync(progress, cursor.Page, tally, page.Next is { } next ? next.AttachTo(notice.Event) : null, cancellationToken) is { } saved)
        {
            LogPage(logger, broadcastId, cursor.Page, tally.Reached, saved.Done);
            await FinishPageAsync(saved, cancellationToken);
        }

        return tally.Reached;
    }

    /// <summary>Moves the progress to <paramref name="page"/>; null when another try of the same page got there first.</summary>
    private Task<BroadcastProgress?> SaveAsync(BroadcastProgress progress, int page, PageTally tally, DomainEvent? continuation, CancellationToken cancellationToken) =>
        OptimisticRetry.RunAsync<BroadcastProgress, BroadcastProgress?>(
            progress,
            async current =>
            {
                if (current.Pages != page - 1)
                {
                    return Attempt<BroadcastProgress?>.Done(null);
                }

                var next = current with
                {
                    Pages = page,
                    Reached = current.Reached + tally.Reached,
                    Skipped = current.Skipped + tally.Skipped,
                    Done = continuation is null,

                    // Whatever an earlier publish left here was for this page, which is handled now.
                    Outbox = continuation is null ? [] : [continuation],
                };
                return await broadcasts.TrySaveProgressAsync(next, current.ETag, cancellationToken) is { } saved
                    ? Attempt<BroadcastProgress?>.Done(saved)
                    : Attempt<BroadcastProgress?>.LostRace();
            },

            // The outbox publisher cleared the last page's message meanwhile, or another try saved this page.
            current => broadcasts.FindProgressAsync(current.BroadcastId, cancellationToken),
            _ => throw new InvalidOperationException($"The progress of broadcast {progress.BroadcastId} kept changing; the queue retries page {page}."));

    /// <summary>Sends the next page's message (if the save's publish did not) and, after the last page, the total.</summary>
    private async Task FinishPageAsync(BroadcastProgress progress, CancellationToken cancellationToken)
    {
        await publisher.TryPublishAsync(StoreNames.Containers.Notifications, progress, new PartitionKey(progress.UserId), progress.ETag, cancellationToken);
        if (progress.Done)
        {
            await broadcasts.SetRecipientsAsync(progress.BroadcastId, progress.Reached, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Broadcast {BroadcastId} page {Page} told {Recipients} recipient(s); done: {Done}")]
    private static partial void LogPage(ILogger logger, string broadcastId, int page, int recipients, bool done);
}
