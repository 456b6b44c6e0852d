using System.Reflection;
using System.Text.Json;

namespace GongTongDizao.DevHost.Metadata;

/// <summary>
/// Reads the functions.metadata file that the Worker SDK generates at build, so the DevHost serves exactly the
/// routes, methods, auth levels and queue bindings that Azure will: nothing is declared twice.
/// </summary>
public static class FunctionMetadataReader
{
    public static IReadOnlyList<FunctionDescriptor> ReadFile(string path, Assembly functionsAssembly)
    {
        if (!File.Exists(path))
        {
            throw new FunctionMetadataException(
                $"functions.metadata was not found at '{path}'. Build the Functions project first (dotnet build), which generates it.");
        }

        return Read(File.ReadAllText(path), functionsAssembly, path);
    }

    public static IReadOnlyList<FunctionDescriptor> Read(string json, Assembly functionsAssembly, string source = "functions.metadata")
    {
        ArgumentNullException.ThrowIfNull(functionsAssembly);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new FunctionMetadataException($"{source} is not valid JSON ({ex.Message}). Rebuild the Functions project to regenerate it.", ex);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new FunctionMetadataException($"{source} must be a JSON array of functions. Rebuild the Functions project to regenerate it.");
            }

            return [.. document.RootElement.EnumerateArray().Select(f => ReadFunction(f, functionsAssembly, source))];
        }
    }

    private static FunctionDescriptor ReadFunction(JsonElement function, Assembly assembly, string source)
    {
        var name = RequiredString(function, "name", source, "a function");
        var entryPoint = RequiredString(function, "entryPoint", source, name);
        var method = ResolveMethod(entryPoint, assembly, source);
        HttpTriggerBinding? http = null;
        QueueTriggerBinding? queue = null;
        TimerTriggerBinding? timer = null;
        if (function.TryGetProperty("bindings", out var bindings) && bindings.ValueKind == JsonValueKind.Array)
        {
            foreach (var binding in bindings.EnumerateArray())
            {
                var type = binding.TryGetProperty("type", out var t) ? t.GetString() : null;
                if (string.Equals(type, "httpTrigger", StringComparison.OrdinalIgnoreCase))
                {
                    http = ReadHttp(binding, name, source);
                }
                else if (string.Equals(type, "queueTrigger", StringComparison.OrdinalIgnoreCase))
                {
                    queue = new QueueTriggerBinding(RequiredString(binding, "name", source, name), RequiredString(binding, "queueName", source, name));
                }
                else if (string.Equals(type, "timerTrigger", StringComparison.OrdinalIgnoreCase))
                {
                    timer = new TimerTriggerBinding(RequiredString(binding, "name", source, name), RequiredString(binding, "schedule", source, name));
                }
            }
        }

        return new FunctionDescriptor(name, method, http, queue, timer);
    }

    private static HttpTriggerBinding ReadHttp(JsonElement binding, string function, string source)
    {
        var levelText = binding.TryGetProperty("authLevel", out var l) ? l.GetString() : "Function";
        if (!Enum.TryParse<AuthLevel>(levelText, ignoreCase: true, out var level))
        {
            throw new FunctionMetadataException($"{source}: function '{function}' has an unknown authLevel '{levelText}'.");
        }

        var methods = binding.TryGetProperty("methods", out var m) && m.ValueKind == JsonValueKind.Array
            ? m.EnumerateArray().Select(x => (x.GetString() ?? string.Empty).ToUpperInvariant()).Where(x => x.Length > 0).ToArray()
            : [];
        var route = binding.TryGetProperty("route", out var r) && r.GetString() is { Length: > 0 } text ? text : function;
        return new HttpTriggerBinding(RequiredString(binding, "name", source, function), level, methods, route.Trim('/'));
    }

    private static MethodInfo ResolveMethod(string entryPoint, Assembly assembly, string source)
    {
        var dot = entryPoint.LastIndexOf('.');
        if (dot <= 0)
        {
            throw new FunctionMetadataException($"{source}: entryPoint '{entryPoint}' is not of the form Namespace.Type.Method.");
        }

        var type = assembly.GetType(entryPoint[..dot])
            ?? throw new FunctionMetadataException($"{source}: type '{entryPoint[..dot]}' is not in {assembly.GetName().Name}. Is the metadata from another build?");
        return type.GetMethod(entryPoint[(dot + 1)..], BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
            ?? throw new FunctionMetadataException($"{source}: method '{entryPoint}' does not exist. Is the metadata from another build?");
    }

    private static string RequiredString(JsonElement element, string property, string source, string owner) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new FunctionMetadataException($"{source}: {owner} has no '{property}'.");
}
