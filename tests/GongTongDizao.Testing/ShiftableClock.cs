using System.Globalization;

namespace GongTongDizao.Testing;

/// <summary>
/// Real time plus an offset the tests move forward (meetings start, windows close). The offset is also written to a
/// file that the worker's clock reads (<c>LocalDevelopment:ClockOffsetFile</c>), so the out-of-process app and the
/// test agree on the time.
/// </summary>
public sealed class ShiftableClock : TimeProvider, IDisposable
{
    private long _offsetTicks;

    public ShiftableClock()
    {
        File.WriteAllText(FilePath, "0");
    }

    public string FilePath { get; } = Path.Combine(Path.GetTempPath(), $"gtd-clock-{Guid.NewGuid():N}.txt");

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by)
    {
        var ticks = Interlocked.Add(ref _offsetTicks, by.Ticks);

        // Replace, never rewrite in place, so the worker reads the old offset or the new one, not half of either.
        var next = FilePath + ".next";
        File.WriteAllText(next, ticks.ToString(CultureInfo.InvariantCulture));
        File.Move(next, FilePath, overwrite: true);
    }

    public void Dispose() => File.Delete(FilePath);
}
