using GongTongDizao.Testing;

namespace GongTongDizao.EndToEnd.Tests.Reliability;

/// <summary>
/// The DevHost for the authorisation matrix. One second opens deliberation and the daily limits are raised, so every
/// cell that succeeds can have an item of its own; the clock moves forward so that meetings can start.
/// </summary>
public sealed class MatrixFixture : DevHostFixture
{
    protected override IEnumerable<string> Arguments() =>
    [
        .. base.Arguments(),
        "--Topics:SecondThreshold=1",
        "--Letters:DailyLimit=100",
        "--Orders:DailyLimit=100",
        "--Notifications:BroadcastDailyLimitPerOrg=100",
    ];

    protected override bool UsesShiftableClock => true;
}

/// <summary>The matrix, contract-agreement and staff-text suites share the matrix host, one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class MatrixCollection : ICollectionFixture<MatrixFixture>
{
    public const string Name = "Matrix";
}
