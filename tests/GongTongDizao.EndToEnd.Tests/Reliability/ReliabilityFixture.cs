using GongTongDizao.Testing;

namespace GongTongDizao.EndToEnd.Tests.Reliability;

/// <summary>A DevHost of its own for the suites that count documents or read every log line.</summary>
public sealed class ReliabilityFixture : DevHostFixture;

/// <summary>Bad-input and load suites compare store counts, so nothing else may run beside them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "Serial: store counts";
}
