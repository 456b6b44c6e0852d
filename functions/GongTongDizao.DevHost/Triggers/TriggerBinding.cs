using System.Globalization;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace GongTongDizao.DevHost.Triggers;

internal enum TriggerKind
{
    Queue,
    Timer,
}

/// <summary>A trigger binding read from the worker's binding JSON, with <c>%Setting%</c> references resolved where we need them.</summary>
internal sealed partial record TriggerBinding(TriggerFunction Function, TriggerKind Kind, JObject Json, string? QueueName, string? Connection, string? Schedule)
{
    public const string DefaultConnection = "AzureWebJobsStorage";

    public bool RunOnStartup => Json.Value<bool?>("runOnStartup") ?? false;

    public bool UseMonitor => Json.Value<bool?>("useMonitor") ?? true;

    public static TriggerBinding Parse(TriggerFunction function, IReadOnlyDictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(function);
        JObject json;
        try
        {
            json = JObject.Parse(function.BindingJson);
        }
        catch (Newtonsoft.Json.JsonException ex)
        {
            throw new ArgumentException($"Function '{function.Name}': the trigger binding is not JSON ({ex.Message}).", nameof(function), ex);
        }

        var type = json.Value<string>("type");
        if (string.Equals(type, "queueTrigger", StringComparison.OrdinalIgnoreCase))
        {
            var queue = json.Value<string>("queueName")
                ?? throw new ArgumentException($"Function '{function.Name}': the queueTrigger binding has no queueName.", nameof(function));
            var connection = json.Value<string>("connection");
            return new TriggerBinding(function, TriggerKind.Queue, json, Resolve(queue, settings, function.Name).ToLowerInvariant(),
                string.IsNullOrEmpty(connection) ? DefaultConnection : connection, null);
        }

        if (string.Equals(type, "timerTrigger", StringComparison.OrdinalIgnoreCase))
        {
            var schedule = json.Value<string>("schedule")
                ?? throw new ArgumentException($"Function '{function.Name}': the timerTrigger binding has no schedule.", nameof(function));
            return new TriggerBinding(function, TriggerKind.Timer, json, null, null, Resolve(schedule, settings, function.Name));
        }

        throw new ArgumentException($"Function '{function.Name}': '{type}' is not a trigger this host runs (queueTrigger, timerTrigger).", nameof(function));
    }

    /// <summary>Replaces every <c>%Name%</c> with the app setting, as the Functions host's name resolver does.</summary>
    public static string Resolve(string value, IReadOnlyDictionary<string, string?> settings, string functionName)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return SettingReference().Replace(value, match =>
        {
            var name = match.Groups[1].Value;
            if (settings.TryGetValue(name, out var setting) && setting is not null)
            {
                return setting;
            }

            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"Function '{functionName}': the app setting '{name}' (referenced as %{name}%) is not set."));
        });
    }

    [GeneratedRegex("%([^%]+)%", RegexOptions.CultureInvariant)]
    private static partial Regex SettingReference();
}
