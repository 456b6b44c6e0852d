using System.Diagnostics;

namespace GongTongDizao.Bench;

/// <summary>Latency figures of one operation at one concurrency.</summary>
internal sealed record LoadFigures(int Concurrency, int Requests, int Failures, double RequestsPerSecond, double P50Ms, double P99Ms);

/// <summary>
/// A closed-loop load generator: <c>concurrency</c> workers call the operation back to back for a fixed time
/// (or until the operation says it has run out of fresh inputs), after a short warm-up that is not counted.
/// </summary>
internal static class LoadRun
{
    /// <summary>The operation gets the worker's call number and returns false for a failure, null when out of inputs.</summary>
    public static async Task<LoadFigures> MeasureAsync(int concurrency, TimeSpan duration, Func<int, Task<bool?>> operation)
    {
        var warmUp = Stopwatch.StartNew();
        var counter = 0;
        while (warmUp.Elapsed < TimeSpan.FromMilliseconds(300) && await operation(Interlocked.Increment(ref counter)) is not null)
        {
        }

        var latencies = new List<double>[concurrency];
        var failures = 0;
        var exhausted = false;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var mine = latencies[w] = new List<double>(4096);
            while (clock.Elapsed < duration && !Volatile.Read(ref exhausted))
            {
                var start = Stopwatch.GetTimestamp();
                var ok = await operation(Interlocked.Increment(ref counter));
                var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (ok is null)
                {
                    Volatile.Write(ref exhausted, true);
                    break;
                }

                mine.Add(elapsed);
                if (ok == false)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })));
        var seconds = clock.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new LoadFigures(concurrency, all.Length, failures, all.Length / seconds, Percentile(all, 0.50), Percentile(all, 0.99));
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
