namespace GongTongDizao.Bench;

internal static class FanOut
{
    public static Task<string> RunAsync(BenchOptions options) => throw new NotSupportedException("Not written yet.");
}
