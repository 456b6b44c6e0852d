namespace GongTongDizao.EndToEnd.Tests;

/// <summary>Polls a condition of an asynchronous system until it holds or a deadline passes.</summary>
public static class Eventually
{
    public static Task TrueAsync(Func<bool> condition, TimeSpan timeout) => TrueAsync(() => Task.FromResult(condition()), timeout);

    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"The condition did not hold within {timeout.TotalSeconds:0} s.");
            }

            await Task.Delay(100);
        }
    }
}
