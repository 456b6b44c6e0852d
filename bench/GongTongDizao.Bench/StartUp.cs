namespace GongTongDizao.Bench;

internal static class StartUp
{
    public static Task<string> RunAsync(BenchOptions options) => throw new NotSupportedException("Not written yet.");
}
