using System.Collections.Frozen;
using System.Text.Json;

namespace GongTongDizao.Core.Common;

/// <summary>The embedded errors.json: the one place where a code's status and zh-CN title are written.</summary>
public static class ErrorCatalog
{
    private static readonly Lazy<FrozenDictionary<string, Error>> s_entries = new(Load);

    public static IReadOnlyCollection<string> Codes => s_entries.Value.Keys;

    public static Error Create(string code) =>
        s_entries.Value.TryGetValue(code, out var error) ? error : throw new ArgumentException($"Error code {code} is not in errors.json.", nameof(code));

    private static FrozenDictionary<string, Error> Load()
    {
        using var stream = typeof(ErrorCatalog).Assembly.GetManifestResourceStream("errors.json")
            ?? throw new InvalidOperationException("errors.json is not embedded in GongTongDizao.Core.");
        using var document = JsonDocument.Parse(stream);
        return document.RootElement.GetProperty("errors").EnumerateArray()
            .Select(e => new Error(e.GetProperty("code").GetString()!, e.GetProperty("status").GetInt32(), e.GetProperty("title").GetString()!))
            .ToFrozenDictionary(e => e.Code);
    }
}
