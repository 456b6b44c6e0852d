using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GongTongDizao.Functions;

/// <summary>
/// The worker's own log filter. host.json's logging section filters the Functions host, not the worker: what the
/// worker sends to the host (RpcLog) and to Application Insights is decided here. Framework categories log at
/// Information for every request and WeChat call (four lines per request, one per HTTP call); they are kept to
/// warnings, so a request costs no log records unless something is wrong, and the app's own lines go through.
/// </summary>
public static class WorkerLogging
{
    public static readonly IReadOnlyList<string> QuietCategories =
    [
        "Microsoft.AspNetCore",
        "Microsoft.Hosting.Lifetime",
        "Microsoft.Azure.Functions.Worker",
        "System.Net.Http.HttpClient",
        "Polly",
        "Azure.Core",
        "Azure.Identity",
    ];

    public static ILoggingBuilder AddGongTongDizaoLogging(this ILoggingBuilder logging)
    {
        ArgumentNullException.ThrowIfNull(logging);
        foreach (var category in QuietCategories)
        {
            logging.AddFilter(category, LogLevel.Warning);
        }

        // The Application Insights SDK adds a rule that keeps only warnings for its provider; without removing it the
        // app's Information lines (store calls when switched on, the custom-event log sink) would never arrive.
        logging.Services.Configure<LoggerFilterOptions>(options =>
        {
            var rule = options.Rules.FirstOrDefault(r => r.ProviderName == "Microsoft.Extensions.Logging.ApplicationInsights.ApplicationInsightsLoggerProvider");
            if (rule is not null)
            {
                options.Rules.Remove(rule);
            }
        });
        return logging;
    }
}
