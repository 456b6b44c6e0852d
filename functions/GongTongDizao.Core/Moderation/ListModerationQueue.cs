using System.Globalization;
using GongTongDizao.Core.Authorization;

namespace GongTongDizao.Core.Moderation;

/// <summary>One page of the moderation queue; pass <see cref="Continuation"/> back for the next, absent on the last page.</summary>
public sealed record ModerationQueuePage(IReadOnlyList<ModerationItem> Items, string? Continuation);

/// <summary>
/// The one queue moderators work from: held items of every <see cref="IModerationSource"/> (photos, letters,
/// topics, comments…) within the moderator's scope, source by source in a fixed order (by item type).
/// </summary>
public sealed class ListModerationQueue(IEnumerable<IModerationSource> sources, PageTokens tokens)
{
    public const int PageSize = 20;

    private const string List = "staff/moderation";

    public async Task<Result<ModerationQueuePage>> HandleAsync(Caller caller, string? continuation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var roots = Authorizer.ScopeRoots(caller.User, Permission.ModerateContent);
        if (roots.Count == 0)
        {
            return Error.Forbidden("只有审核员可以查看审核队列");
        }

        var binding = $"{caller.Id}|{string.Join(',', roots)}";
        if (!tokens.TryOpen(continuation, List, binding, out var position) || !ModerationCursor.TryParse(position, out var cursor))
        {
            return PageTokens.Invalid();
        }

        var ordered = sources.OrderBy(s => s.ItemType, StringComparer.Ordinal).ToArray();
        var items = new List<ModerationItem>(PageSize);
        for (var source = cursor.Source; source < ordered.Length; source++)
        {
            var skipped = 0;
            await foreach (var item in ordered[source].HeldAsync(roots, cancellationToken))
            {
                if (source == cursor.Source && skipped < cursor.Skip)
                {
                    skipped++;
                    continue;
                }

                if (items.Count == PageSize)
                {
                    return new ModerationQueuePage(items, tokens.Seal(List, binding, new ModerationCursor(source, skipped).Format()));
                }

                items.Add(item);
                skipped++;
            }
        }

        return new ModerationQueuePage(items, null);
    }
}

/// <summary>Where a page ends: the source's index (by item type) and how many of its items came before (sealed by <see cref="PageTokens"/>).</summary>
internal readonly record struct ModerationCursor(int Source, int Skip)
{
    public string Format() => string.Create(CultureInfo.InvariantCulture, $"m1:{Source}:{Skip}");

    public static bool TryParse(string? position, out ModerationCursor cursor)
    {
        cursor = default;
        if (position is null)
        {
            return true;
        }

        var parts = position.Split(':');
        if (parts is not ["m1", var source, var skip]
            || !int.TryParse(source, NumberStyles.None, CultureInfo.InvariantCulture, out var s)
            || !int.TryParse(skip, NumberStyles.None, CultureInfo.InvariantCulture, out var k))
        {
            return false;
        }

        cursor = new ModerationCursor(s, k);
        return true;
    }
}
