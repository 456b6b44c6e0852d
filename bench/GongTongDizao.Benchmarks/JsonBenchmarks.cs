using System.Text.Json;
using BenchmarkDotNet.Attributes;
using GongTongDizao.Core.Common;
using GongTongDizao.Core.Features.Letters;

namespace GongTongDizao.Benchmarks;

/// <summary>A letter document as the Cosmos client (System.Text.Json with JsonDefaults.Options) writes and reads it.</summary>
[MemoryDiagnoser]
public class JsonBenchmarks
{
    private Letter _letter = null!;
    private byte[] _utf8 = null!;

    /// <summary>The document's size in UTF-8 bytes, reported next to the figures.</summary>
    public static int DocumentBytes => JsonSerializer.SerializeToUtf8Bytes(SampleData.RepliedLetter(), JsonDefaults.Options).Length;

    [GlobalSetup]
    public void Setup()
    {
        _letter = SampleData.RepliedLetter();
        _utf8 = JsonSerializer.SerializeToUtf8Bytes(_letter, JsonDefaults.Options);
        var back = JsonSerializer.Deserialize<Letter>(_utf8, JsonDefaults.Options);
        if (back is null || back.Content != _letter.Content || back.Timeline.Count != _letter.Timeline.Count || back.Outbox.Count != 1)
        {
            throw new InvalidOperationException("The letter does not read back as it was written.");
        }
    }

    [Benchmark(Description = "JSON: serialise a letter")]
    public byte[] Serialize() => JsonSerializer.SerializeToUtf8Bytes(_letter, JsonDefaults.Options);

    [Benchmark(Description = "JSON: deserialise a letter")]
    public Letter? Deserialize() => JsonSerializer.Deserialize<Letter>(_utf8, JsonDefaults.Options);
}
