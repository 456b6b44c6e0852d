using GongTongDizao.Core.Events;
using Microsoft.Extensions.Logging;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>
/// A broadcast's fan-out, one page per queue message (<see cref="FanOutCursor.PageSize"/> residents), so the
/// work of a message is bounded whatever the audience. Pages run side by side: a page reads its residents, sends the
/// next page's message at once (it carries the continuation just read), then tells its residents and counts itself in
/// the progress (<see cref="BroadcastStore.TryCountPageAsync"/>: the page's record and the increments in one batch).
/// A crash repeats at most the page in hand: its ids make the writes idempotent, its record lets it be counted once,
/// and a message for a page already counted only finishes the broadcast if that was left undone. A repeated page
/// sends its successor's message again; the successor then finds its own record and stops there.
/// </summary>
public sealed partial class BroadcastFanOut(
    AudienceResolver audiences,
    BroadcastPage pages,
    BroadcastStore broadcasts,
    EventQueue events,
    ILogger<BroadcastFanOut> logger)
{
    /// <summary>Handles the page <paramref name="cursor"/> names; the number of recipients it told.</summary>
    public async Task<int> HandleAsync(Notice notice, FanOutCursor cursor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(cursor);
        var broadcastId = notice.BroadcastId ?? throw new ArgumentException("Not a broadcast.", nameof(notice));
        var (progress, counted) = await broadcasts.StartPageAsync(broadcastId, cursor.Page, cancellationToken);
        if (counted)
        {
            // A repeated message: the page is counted (and its successor was sent before that).
            await FinishAsync(progress, cancellationToken);
            return 0;
        }

        // A broadcast naming no audience we know reaches nobody, and is done.
        var audience = AudienceResolver.AudienceOf(notice.Event);
        var page = audience is null ? new ResidentPage([], null) : await audiences.ResidentsPageAsync(notice.Event, cursor, cursor.PageSize, cancellationToken);
        if (page.Next is { } next)
        {
            await events.SendAsync(next.AttachTo(notice.Event), cancellationToken);
            LogNextQueued(logger, broadcastId, cursor.Page, next.Page);
        }

        var tally = audience is { } to ? await pages.TellAsync(notice, to, page.Ids, cursor.Page, cancellationToken) : new PageTally(0, 0);
        if (await broadcasts.TryCountPageAsync(broadcastId, cursor.Page, tally.Reached, tally.Skipped, last: page.Next is null, cancellationToken) is { } now)
        {
            LogPage(logger, broadcastId, cursor.Page, tally.Reached, now.IsComplete);
            await FinishAsync(now, cancellationToken);
        }

        return tally.Reached;
    }

    /// <summary>Once every page is counted: the broadcast's total, and the progress marked done.</summary>
    private async Task FinishAsync(BroadcastProgress progress, CancellationToken cancellationToken)
    {
        if (progress.IsComplete && !progress.Done)
        {
            await broadcasts.SetRecipientsAsync(progress.BroadcastId, progress.Reached, cancellationToken);
            await broadcasts.MarkDoneAsync(progress.BroadcastId, cancellationToken);
        }
    }

    // The chain's links, so a broadcast that stops part-way shows which page's message was the last one sent.
    [LoggerMessage(Level = LogLevel.Information, Message = "Broadcast {BroadcastId} page {Page} queued page {Next}")]
    private static partial void LogNextQueued(ILogger logger, string broadcastId, int page, int next);

    [LoggerMessage(Level = LogLevel.Information, Message = "Broadcast {BroadcastId} page {Page} told {Recipients} recipient(s); all pages counted: {Done}")]
    private static partial void LogPage(ILogger logger, string broadcastId, int page, int recipients, bool done);
}
