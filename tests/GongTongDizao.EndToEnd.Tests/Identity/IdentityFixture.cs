using GongTongDizao.Testing;

namespace GongTongDizao.EndToEnd.Tests.Identity;

/// <summary>The host the identity and scope tests share; it seeds the demo teams, whose scoping ScopeTests checks.</summary>
public sealed class IdentityFixture : DevHostFixture
{
    protected override bool SeedsDemoVolunteering => true;
}

/// <summary>The identity suites share one host, one after the other (each host start is seconds of CPU).</summary>
[CollectionDefinition(Name)]
public sealed class IdentityCollection : ICollectionFixture<IdentityFixture>
{
    public const string Name = "Identity";
}
