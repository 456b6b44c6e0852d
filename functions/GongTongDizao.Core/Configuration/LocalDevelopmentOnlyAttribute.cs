namespace GongTongDizao.Core.Configuration;

/// <summary>
/// Marks an options property that only the local stack uses (emulator keys and the like), so the
/// infrastructure drift test does not expect the Bicep templates to set it.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class LocalDevelopmentOnlyAttribute : Attribute;
