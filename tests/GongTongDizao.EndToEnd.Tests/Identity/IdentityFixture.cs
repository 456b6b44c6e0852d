using GongTongDizao.Testing;

namespace GongTongDizao.EndToEnd.Tests.Identity;

public sealed class IdentityFixture : DevHostFixture;
