using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GongTongDizao.WeChat.Simulator;

/// <summary>Registers the simulator's state so another host (the DevHost) can mount its endpoints.</summary>
public static class WeChatSimulatorServiceCollectionExtensions
{
    public static IServiceCollection AddWeChatSimulator(this IServiceCollection services, WeChatSimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton(options);
        services.TryAddSingleton(provider => new WeChatSimulatorState(provider.GetRequiredService<WeChatSimulatorOptions>()));
        return services;
    }

    public static IServiceCollection AddWeChatSimulator(this IServiceCollection services, Action<WeChatSimulatorOptions>? configure = null)
    {
        var options = new WeChatSimulatorOptions();
        configure?.Invoke(options);
        return services.AddWeChatSimulator(options);
    }
}
