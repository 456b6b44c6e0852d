using System.Collections;
using System.Reflection;

namespace GongTongDizao.Infra.Tests.Support;

/// <summary>
/// The settings the app reads, found by reflection: every type in the scanned assemblies with a
/// <c>public const string SectionName</c>, and each of its public settable properties as <c>Section__Property</c>
/// (nested option classes recurse; dictionaries and collections become a <c>Section__Property__</c> prefix).
/// Properties marked with an attribute named <c>LocalDevelopmentOnlyAttribute</c> are exempt.
/// </summary>
internal sealed class OptionsCatalog
{
    public const string ExemptAttributeName = "LocalDevelopmentOnlyAttribute";

    public HashSet<string> Settings { get; } = new(StringComparer.OrdinalIgnoreCase);

    public HashSet<string> Prefixes { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Option types found, by section.</summary>
    public Dictionary<string, List<Type>> Sections { get; } = new(StringComparer.OrdinalIgnoreCase);

    public HashSet<string> Exempt { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static OptionsCatalog Discover(params Assembly[] assemblies)
    {
        var catalog = new OptionsCatalog();
        foreach (var type in assemblies.SelectMany(LoadableTypes))
        {
            var field = type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static);
            if (field is not { IsLiteral: true } || field.FieldType != typeof(string) || field.GetRawConstantValue() is not string section)
            {
                continue;
            }

            var prefix = section.Replace(":", "__", StringComparison.Ordinal);
            if (!catalog.Sections.TryGetValue(prefix, out var types))
            {
                catalog.Sections[prefix] = types = [];
            }

            types.Add(type);
            catalog.AddProperties(type, prefix, depth: 0);
        }

        return catalog;
    }

    private void AddProperties(Type type, string prefix, int depth)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = $"{prefix}__{property.Name}";
            if (property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            if (property.GetCustomAttributes(inherit: true).Any(a => a.GetType().Name == ExemptAttributeName))
            {
                Exempt.Add(name);
                continue;
            }

            var settable = property.SetMethod is { IsPublic: true };
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (IsLeaf(propertyType))
            {
                if (settable)
                {
                    Settings.Add(name);
                }
            }
            else if (typeof(IEnumerable).IsAssignableFrom(propertyType))
            {
                // Dictionaries (Section__Property__<key>) and lists (Section__Property__<index>); the binder fills
                // get-only collections too.
                Prefixes.Add(name + "__");
            }
            else if (depth < 5 && (settable || property.GetMethod is { IsPublic: true }))
            {
                AddProperties(propertyType, name, depth + 1);
            }
        }
    }

    private static bool IsLeaf(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(DateTime)
        || type == typeof(DateTimeOffset) || type == typeof(TimeSpan) || type == typeof(Guid) || type == typeof(Uri)
        || type == typeof(DateOnly) || type == typeof(TimeOnly) || type == typeof(byte[]);

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>();
        }
    }
}
