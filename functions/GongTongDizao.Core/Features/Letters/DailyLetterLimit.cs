using GongTongDizao.Core.Features.Identity;
using Microsoft.Extensions.Options;

namespace GongTongDizao.Core.Features.Letters;

/// <summary>
/// The daily letter limit, held atomically: the count of the resident's China day lives on their own account
/// document and is taken with an ETag-conditioned replace, re-read and retried when a concurrent submit (or login)
/// changed the account meanwhile. Concurrent submits therefore take distinct slots and never more than the limit,
/// where counting stored letters first and writing later let parallel submits all see room. The count goes with the
/// account when it is deleted.
/// </summary>
public sealed class DailyLetterLimit(UserStore users, IOptions<LettersOptions> options)
{
    /// <summary>Each round of contention lets one submit through, so this covers the largest limit (100) with room.</summary>
    private const int MaxAttempts = 120;

    /// <summary>
    /// The refusal when the account as authenticated already shows today's letters used up (a cheap look that spares
    /// WeChat's text check); null when there may be room. <see cref="TakeAsync"/> decides.
    /// </summary>
    public Error? SeenReached(UserAccount user, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.LetterDay is { } seen && seen.Day == ChinaTime.DayKey(now) && seen.Count >= options.Value.DailyLimit ? Limited(now) : null;
    }

    /// <summary>Takes a slot of the China day of <paramref name="now"/>: the day's key (to give it back), or why not.</summary>
    /// <remarks>
    /// The first try replaces the account as authenticated (<paramref name="user"/>, with its ETag), saving a read;
    /// when it changed since, the try loses the race and the account is read again.
    /// </remarks>
    public async Task<Result<string>> TakeAsync(UserAccount user, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var day = ChinaTime.DayKey(now);
        var slot = await TryTakeAsync(user, day, options.Value.DailyLimit, cancellationToken);
        return !slot.IsSuccess ? slot.Error : slot.Value ? day : Limited(now);
    }

    /// <summary>True when a slot of <paramref name="day"/> was taken; false when the limit is reached; an error after endless contention.</summary>
    private async Task<Result<bool>> TryTakeAsync(UserAccount authenticated, string day, int limit, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if ((attempt == 0 && authenticated.ETag is not null ? authenticated : await users.FindAsync(authenticated.Id, cancellationToken)) is not { } user)
            {
                return Error.Unauthenticated();
            }

            var taken = user.LetterDay is { } count && count.Day == day ? count.Count : 0;
            if (taken >= limit)
            {
                return false;
            }

            if ((await users.ReplaceAsync(user with { LetterDay = new LetterDayCount(day, taken + 1) }, cancellationToken)).IsSuccess)
            {
                return true;
            }

            await Task.Delay(Random.Shared.Next(1, 5 + Math.Min(attempt, 20)), cancellationToken);
        }

        return Error.From(ErrorCodes.ConcurrentChange);
    }

    /// <summary>Gives a slot back when the letter it was taken for could not be stored (best effort, same retries).</summary>
    public async Task GiveBackAsync(string userId, string day, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (await users.FindAsync(userId, cancellationToken) is not { LetterDay: { } count } user || count.Day != day || count.Count == 0)
            {
                return;
            }

            if ((await users.ReplaceAsync(user with { LetterDay = count with { Count = count.Count - 1 } }, cancellationToken)).IsSuccess)
            {
                return;
            }

            await Task.Delay(Random.Shared.Next(1, 5 + Math.Min(attempt, 20)), cancellationToken);
        }
    }

    private Error Limited(DateTimeOffset now) =>
        Error.From(ErrorCodes.RateLimited, $"每人每天最多写 {options.Value.DailyLimit} 封信，请明天再来") with { RetryAfter = ChinaTime.DayOf(now).Next - now };
}
