using Microsoft.Azure.WebJobs;
using Microsoft.Azure.WebJobs.Host;

// IJobHostMetadataProvider is marked obsolete ("not ready for public consumption"); it is what the Functions host itself
// uses to turn binding JSON into attributes, and the SDK line is frozen (3.0.x).
#pragma warning disable CS0618

namespace GongTongDizao.DevHost.Triggers;

/// <summary>
/// Hands the WebJobs SDK the emitted function class. The metadata provider is resolved here, when the SDK asks for
/// the types, not when the locator is created: resolving it from the locator's factory hangs the host's start-up.
/// The class is emitted once per <see cref="TriggerHost"/> and reused when its listeners are restarted.
/// </summary>
internal sealed class TriggerTypeLocator(IServiceProvider services, Func<IJobHostMetadataProvider, Type> emit) : ITypeLocator
{
    public IReadOnlyList<Type> GetTypes() => [emit(services.GetRequiredService<IJobHostMetadataProvider>())];
}
