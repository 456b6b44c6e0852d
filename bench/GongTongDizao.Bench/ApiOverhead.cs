namespace GongTongDizao.Bench;

internal static class ApiOverhead
{
    public static Task<string> RunAsync(BenchOptions options) => throw new NotSupportedException("Not written yet.");
}
