using System.Globalization;

namespace GongTongDizao.Core.Configuration;

/// <summary>
/// Real time plus an offset read from a file, for local test runs only: the test process moves the clock of an
/// out-of-process worker by rewriting the file (deadlines pass, meetings start). Registered only when the setting
/// <see cref="SettingName"/> is present and the Functions environment is Development; Azure never sets either.
/// </summary>
public sealed class OffsetFileTimeProvider(string path) : TimeProvider
{
    public const string SettingName = "LocalDevelopment:ClockOffsetFile";

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset();

    private TimeSpan Offset()
    {
        try
        {
            return long.TryParse(File.ReadAllText(path), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ticks) ? TimeSpan.FromTicks(ticks) : TimeSpan.Zero;
        }
        catch (IOException)
        {
            // Being replaced at this moment: the previous offset is gone, the next one is a read away.
            return TimeSpan.Zero;
        }
    }
}
