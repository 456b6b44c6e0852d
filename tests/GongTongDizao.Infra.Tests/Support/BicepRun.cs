using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace GongTongDizao.Infra.Tests.Support;

/// <summary>One run of the Bicep CLI.</summary>
internal sealed partial record BicepRun(string Arguments, int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Diagnostics ("file(line,col) : Level code: message") of one file, or of all files when null.</summary>
    public IReadOnlyList<string> DiagnosticsFor(string? fullPath) =>
        StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => DiagnosticLine().IsMatch(line))
            .Where(line => fullPath is null || line.StartsWith(fullPath + "(", StringComparison.Ordinal))
            .ToList();

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"bicep {Arguments} -> exit {ExitCode}\n{StandardError}{StandardOutput}");

    public static async Task<BicepRun> RunAsync(string workingDirectory, params string[] arguments)
    {
        EnsureExecutable(RepoPaths.Bicep);
        var start = new ProcessStartInfo(RepoPaths.Bicep)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {RepoPaths.Bicep}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish in 5 minutes.");
        }

        return new BicepRun(string.Join(' ', arguments), process.ExitCode, await stdout, await stderr);
    }

    private static void EnsureExecutable(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                "The Bicep CLI was not found. It comes from the NuGet package Azure.Bicep.CommandLine.linux-x64 (restored by `dotnet test`); set BICEP_PATH to use another.",
                path);
        }

        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            if ((mode & UnixFileMode.UserExecute) == 0)
            {
                File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            }
        }
    }

    [GeneratedRegex(@"^.+\(\d+,\d+\) : (Error|Warning|Info) ")]
    private static partial Regex DiagnosticLine();
}
