using GongTongDizao.Testing;

namespace GongTongDizao.EndToEnd.Tests.Reliability;

/// <summary>A DevHost of its own for the suites that count documents or read every log line.</summary>
public sealed class ReliabilityFixture : DevHostFixture;

/// <summary>Bad-input and load suites compare store counts, so nothing else may run beside them; they share one host.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection : ICollectionFixture<ReliabilityFixture>
{
    public const string Name = "Serial: store counts";
}

/// <summary>The log-hygiene and outbox suites, one after the other on one host (each host start is seconds of CPU).</summary>
[CollectionDefinition(Name)]
public sealed class ReliabilityCollection : ICollectionFixture<ReliabilityFixture>
{
    public const string Name = "Reliability";
}
