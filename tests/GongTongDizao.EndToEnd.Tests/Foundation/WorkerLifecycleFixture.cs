using GongTongDizao.Testing;

namespace GongTongDizao.EndToEnd.Tests.Foundation;

/// <summary>A host of its own whose worker the tests kill, so no other test sees the restarts.</summary>
public sealed class WorkerLifecycleFixture : DevHostFixture;
