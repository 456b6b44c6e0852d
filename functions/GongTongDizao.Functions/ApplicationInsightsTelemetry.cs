using Azure.Identity;
using GongTongDizao.Core.Telemetry;
using Microsoft.ApplicationInsights;
using Microsoft.ApplicationInsights.DataContracts;
using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GongTongDizao.Functions;

/// <summary>
/// The worker's Application Insights: the SDK, Entra-authenticated sending where the component demands it, and the
/// app's custom events (<see cref="AppEvents"/>) as <c>customEvents</c> instead of log lines.
/// </summary>
public static class ApplicationInsightsTelemetry
{
    /// <summary>Set by the infra where the component accepts only Entra tokens: <c>Authorization=AAD;ClientId=&lt;id&gt;</c>.</summary>
    public const string AuthenticationStringSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>Set by the infra to the component's connection string; absent in local runs.</summary>
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    public static IServiceCollection AddGongTongDizaoTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services
            .AddApplicationInsightsTelemetryWorkerService()
            .ConfigureFunctionsApplicationInsights();

        // The Functions host reads the setting by itself; the worker's SDK needs the credential handed to it.
        if (TryReadEntraAuthentication(configuration[AuthenticationStringSetting], out var clientId))
        {
            var identity = clientId is null ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(clientId);
            var credential = new ManagedIdentityCredential(identity);
            services.Configure<TelemetryConfiguration>(telemetry => telemetry.SetAzureTokenCredential(credential));
        }

        // Without a connection string (a local run) nothing would leave the process: the log sink stays, so the custom
        // events show in the host's log beside the requests that made them.
        if (!string.IsNullOrEmpty(configuration[ConnectionStringSetting]))
        {
            services.Replace(ServiceDescriptor.Singleton<IAppTelemetry, AppInsightsEvents>());
        }

        return services;
    }

    /// <summary>
    /// Reads <c>Authorization=AAD</c> (system-assigned identity) or <c>Authorization=AAD;ClientId=&lt;id&gt;</c>
    /// (user-assigned); false when the setting is absent or asks for anything else.
    /// </summary>
    internal static bool TryReadEntraAuthentication(string? authenticationString, out string? clientId)
    {
        clientId = null;
        var aad = false;
        foreach (var part in (authenticationString ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (pair.Length != 2)
            {
                continue;
            }

            if (pair[0].Equals("Authorization", StringComparison.OrdinalIgnoreCase))
            {
                aad = pair[1].Equals("AAD", StringComparison.OrdinalIgnoreCase);
            }
            else if (pair[0].Equals("ClientId", StringComparison.OrdinalIgnoreCase) && pair[1].Length > 0)
            {
                clientId = pair[1];
            }
        }

        if (!aad)
        {
            clientId = null;
        }

        return aad;
    }
}

/// <summary>The custom events as Application Insights <c>customEvents</c> (name and <c>customDimensions</c>).</summary>
internal sealed class AppInsightsEvents(TelemetryClient client) : IAppTelemetry
{
    public void TrackEvent(string name, IReadOnlyDictionary<string, string> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var item = new EventTelemetry(name);
        foreach (var (key, value) in properties)
        {
            item.Properties[key] = value;
        }

        client.TrackEvent(item);
    }
}
