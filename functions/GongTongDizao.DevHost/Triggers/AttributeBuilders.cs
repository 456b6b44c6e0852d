using System.Reflection;
using System.Reflection.Emit;

namespace GongTongDizao.DevHost.Triggers;

/// <summary>Turns an attribute instance back into what Reflection.Emit can apply: its constructor arguments and set properties.</summary>
internal static class AttributeBuilders
{
    public static CustomAttributeBuilder From(Attribute attribute)
    {
        var type = attribute.GetType();
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.GetIndexParameters().Length == 0).ToList();
        var constructor = type.GetConstructors()
            .Where(c => c.GetParameters().All(p => Property(properties, p.Name) is not null))
            .OrderByDescending(c => c.GetParameters().Length)
            .FirstOrDefault()
            ?? throw new InvalidOperationException($"{type.Name} has no constructor whose parameters are all properties.");
        var parameters = constructor.GetParameters();
        var arguments = parameters.Select(p => Property(properties, p.Name)!.GetValue(attribute)).ToArray();

        var fresh = constructor.Invoke(arguments);
        var named = properties
            .Where(p => p.SetMethod is { IsPublic: true } && parameters.All(c => !string.Equals(c.Name, p.Name, StringComparison.OrdinalIgnoreCase)))
            .Where(p => !Equals(p.GetValue(attribute), p.GetValue(fresh)))
            .ToArray();
        return new CustomAttributeBuilder(constructor, arguments, named, named.Select(p => p.GetValue(attribute)).ToArray());
    }

    private static PropertyInfo? Property(List<PropertyInfo> properties, string? name) =>
        properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
}
