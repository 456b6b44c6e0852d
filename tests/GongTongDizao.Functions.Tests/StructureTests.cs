using System.Reflection;
using System.Runtime.CompilerServices;
using GongTongDizao.Testing;

namespace GongTongDizao.Functions.Tests;

/// <summary>
/// The conventions of docs/contributing.md that a compiler rule cannot state, checked on every build: small files, no
/// class with more than six collaborators, every handler in a file of its own name.
/// </summary>
public sealed class StructureTests
{
    private const int MaxLines = 300;
    private const int MaxDependencies = 6;

    private static readonly Assembly[] s_app =
    [
        typeof(Core.Common.ErrorCatalog).Assembly,
        typeof(Http.Api).Assembly,
        typeof(ChinaTime).Assembly,
    ];

    [Fact]
    public void No_source_file_in_functions_is_over_300_lines()
    {
        var functions = RepoFolders.Find("functions");

        var over = SourceFiles(functions)
            .Select(f => (File: Path.GetRelativePath(functions, f), Lines: File.ReadLines(f).Count()))
            .Where(f => f.Lines > MaxLines)
            .Select(f => $"{f.File} ({f.Lines})")
            .ToList();

        Assert.True(over.Count == 0, "Over 300 lines: " + string.Join(", ", over));
    }

    [Fact]
    public void No_class_takes_more_than_six_dependencies()
    {
        var heavy = s_app.SelectMany(a => a.GetTypes())
            .Where(IsService)
            .SelectMany(t => t.GetConstructors().Select(c => (Type: t, Count: c.GetParameters().Length)))
            .Where(c => c.Count > MaxDependencies)
            .Select(c => $"{c.Type.FullName} ({c.Count})")
            .Distinct()
            .ToList();

        Assert.True(heavy.Count == 0, "More than six constructor dependencies: " + string.Join(", ", heavy));
    }

    [Fact]
    public void Every_handler_lives_in_a_file_of_its_name()
    {
        var files = SourceFiles(RepoFolders.Find("functions")).Select(Path.GetFileNameWithoutExtension).ToHashSet(StringComparer.Ordinal);
        var handlers = typeof(Core.Common.ErrorCatalog).Assembly.GetTypes()
            .Where(t => t.IsClass && !t.IsAbstract && t.GetMethod("HandleAsync", BindingFlags.Public | BindingFlags.Instance) is not null)
            .ToList();

        var misplaced = handlers.Where(t => !files.Contains(t.Name)).Select(t => t.FullName).ToList();

        Assert.NotEmpty(handlers);
        Assert.True(misplaced.Count == 0, "Handlers in files named otherwise: " + string.Join(", ", misplaced));
    }

    /// <summary>A class the container builds: not a record, exception or compiler-made type, every parameter a service.</summary>
    private static bool IsService(Type type) =>
        type is { IsClass: true, IsAbstract: false }
        && type.GetCustomAttribute<CompilerGeneratedAttribute>() is null
        && type.GetMethod("<Clone>$") is null
        && !typeof(Exception).IsAssignableFrom(type)
        && type.GetConstructors().Any(c => c.GetParameters().Length > 0
            && c.GetParameters().All(p => !p.ParameterType.IsValueType && p.ParameterType != typeof(string) && !p.ParameterType.IsArray));

    private static IEnumerable<string> SourceFiles(string root) =>
        Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
}
