using System.Diagnostics;

namespace GongTongDizao.Testing;

/// <summary>Polls a condition of an asynchronous system until it holds or a deadline passes, instead of sleeping.</summary>
public static class Eventually
{
    public static Task TrueAsync(Func<bool> condition, TimeSpan timeout, string? what = null) =>
        TrueAsync(() => Task.FromResult(condition()), timeout, what);

    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string? what = null)
    {
        // A monotonic deadline: the machine's clock may be moved, elapsed time may not.
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
            {
                Assert.Fail($"The condition did not hold within {timeout.TotalSeconds:0.#} s{(what is null ? "." : $": {what}")}");
            }

            await Task.Delay(50);
        }
    }
}
