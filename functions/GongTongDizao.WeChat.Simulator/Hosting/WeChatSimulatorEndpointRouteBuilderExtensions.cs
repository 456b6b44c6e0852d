using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace GongTongDizao.WeChat.Simulator;

/// <summary>Maps the simulated WeChat API and the <c>/__simulator</c> controls.</summary>
public static class WeChatSimulatorEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the endpoints under <paramref name="prefix"/> (e.g. <c>/wechat</c>; empty for the root). The WeChat
    /// client's <c>BaseAddress</c> is then the host plus this prefix. Requires <c>AddWeChatSimulator</c>.
    /// </summary>
    public static RouteGroupBuilder MapWeChatSimulator(this IEndpointRouteBuilder endpoints, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup(prefix);
        LoginEndpoints.Map(group);
        TokenEndpoints.Map(group);
        SubscribeEndpoints.Map(group);
        ContentSecurityEndpoints.Map(group);
        PhoneEndpoints.Map(group);
        QrCodeEndpoints.Map(group);
        ControlEndpoints.Map(group);
        return group;
    }
}
