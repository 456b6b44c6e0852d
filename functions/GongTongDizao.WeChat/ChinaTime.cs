using System.Globalization;

namespace GongTongDizao;

/// <summary>
/// The one China clock: the calendar residents, staff and WeChat live by. Mainland China has kept UTC+8 without
/// daylight saving since 1991, so a fixed offset needs no time-zone database. Days (daily limits, quotas), years
/// (statistics) and the dates people read are all China's; instants stay UTC and come from <see cref="TimeProvider"/>.
/// It lives in the lowest project (the WeChat client, which every other project references) because WeChat shows
/// times in the same calendar; the WeChat simulator keeps its own, being the outside service.
/// </summary>
public static class ChinaTime
{
    /// <summary>UTC+8, China Standard Time (北京时间).</summary>
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The instant as China's clocks show it.</summary>
    public static DateTimeOffset Local(DateTimeOffset at) => at.ToOffset(Offset);

    /// <summary>Today in China.</summary>
    public static DateOnly Today(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return DateOf(time.GetUtcNow());
    }

    /// <summary>The China date of an instant (after 16:00 UTC it is already tomorrow).</summary>
    public static DateOnly DateOf(DateTimeOffset at) => DateOnly.FromDateTime(Local(at).DateTime);

    /// <summary>The China year of an instant: a statistical year runs from China's New Year's midnight.</summary>
    public static int YearOf(DateTimeOffset at) => Local(at).Year;

    /// <summary>Midnight in China at the start of <paramref name="date"/>, as a UTC instant.</summary>
    public static DateTimeOffset StartOfDayUtc(DateOnly date) =>
        new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), Offset).ToUniversalTime();

    /// <summary>The China day containing <paramref name="at"/>, as UTC instants [start, next start).</summary>
    public static (DateTimeOffset Start, DateTimeOffset Next) DayOf(DateTimeOffset at)
    {
        var date = DateOf(at);
        return (StartOfDayUtc(date), StartOfDayUtc(date.AddDays(1)));
    }

    /// <summary>The next midnight in China after <paramref name="at"/> (when WeChat's daily quotas reset), as China's clocks show it.</summary>
    public static DateTimeOffset NextMidnight(DateTimeOffset at) => new(Local(at).Date.AddDays(1), Offset);

    /// <summary>The key of the China day of <paramref name="at"/> in stored ids and counters: <c>2026-11-27</c>.</summary>
    public static string DayKey(DateTimeOffset at) => DateOf(at).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A date as people read it: <c>2026年11月27日</c>.</summary>
    public static string DateText(DateTimeOffset at) => Local(at).ToString("yyyy年M月d日", CultureInfo.InvariantCulture);

    /// <summary>A time as people read it: <c>2026年11月27日 15:01</c>.</summary>
    public static string DateTimeText(DateTimeOffset at) => Local(at).ToString("yyyy年M月d日 HH:mm", CultureInfo.InvariantCulture);
}
