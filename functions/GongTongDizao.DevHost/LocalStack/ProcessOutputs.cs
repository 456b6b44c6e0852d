using System.Collections.Concurrent;
using System.Diagnostics;

namespace GongTongDizao.DevHost.LocalStack;

/// <summary>The last lines an emulator printed, to explain a failed start.</summary>
internal sealed class ProcessOutput(Process process)
{
    private readonly ConcurrentQueue<string> _lines = new();

    public int ProcessId { get; } = process.Id;

    public void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        _lines.Enqueue(line);
        while (_lines.Count > 20 && _lines.TryDequeue(out _))
        {
        }
    }

    public override string ToString() => string.Join(Environment.NewLine, _lines);
}

internal static class ProcessOutputs
{
    private static readonly ConcurrentDictionary<int, ProcessOutput> s_outputs = new();

    public static void Register(Process process, ProcessOutput output) => s_outputs[process.Id] = output;

    public static string Tail(Process process) => s_outputs.TryGetValue(process.Id, out var output) ? output.ToString() : string.Empty;
}
