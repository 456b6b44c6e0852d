using GongTongDizao.Infra.Tests.Support;

namespace GongTongDizao.Infra.Tests;

/// <summary>The helpers the drift test relies on: the ARM expression parser and the options reflection.</summary>
public sealed class SupportTests
{
    [Fact]
    public void Parses_calls_strings_with_escaped_quotes_members_and_indexers()
    {
        var node = ArmExpression.ParseValue("[union(createObject('a''b', reference('x').primaryEndpoints.blob), variables('v')[0].name, 1)]");
        var union = Assert.IsType<ArmCall>(node);
        Assert.Equal("union", union.Name);
        Assert.Equal(3, union.Arguments.Count);
        var create = Assert.IsType<ArmCall>(union.Arguments[0]);
        Assert.Equal("a'b", Assert.IsType<ArmString>(create.Arguments[0]).Value);
        Assert.Equal("reference('x').primaryEndpoints.blob", create.Arguments[1].ToString());
        Assert.IsType<ArmMember>(union.Arguments[1]);
        Assert.Equal("1", union.Arguments[2].ToString());
        Assert.Equal("[not an expression]", Assert.IsType<ArmString>(ArmExpression.ParseValue("[[not an expression]")).Value);
    }

    [Fact]
    public void Reads_setting_names_and_prefixes_through_union_if_variables_and_toObject()
    {
        var template = System.Text.Json.Nodes.JsonNode.Parse("""
            {
              "variables": { "fixed": { "A__B": "x", "C__D": "[parameters('p')]" } },
              "resources": {
                "settings": {
                  "type": "Microsoft.Web/sites/config",
                  "name": "[format('{0}/{1}', parameters('app'), 'appsettings')]",
                  "properties": "[union(variables('fixed'), if(parameters('c'), createObject('E__F', '1'), createObject()), toObject(items(parameters('t')), lambda('i', format('T__K__{0}', lambdaVariables('i').key)), lambda('i', lambdaVariables('i').value)))]"
                }
              }
            }
            """)!.AsObject();

        var settings = AppSettingsReader.Read(template);

        Assert.Empty(settings.Unresolved);
        Assert.Equal(["A__B", "C__D", "E__F"], settings.Settings.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["T__K__"], settings.Prefixes);
    }

    [Fact]
    public void Options_reflection_maps_properties_to_settings_prefixes_and_exemptions()
    {
        var catalog = OptionsCatalog.Discover(typeof(SupportTests).Assembly);

        Assert.Equal(["Sample"], catalog.Sections.Keys);
        Assert.Equal(["Sample__Endpoint", "Sample__Name", "Sample__Retry__Count", "Sample__Timeout"], catalog.Settings.Order(StringComparer.Ordinal));
        Assert.Equal(["Sample__Hosts__", "Sample__Templates__"], catalog.Prefixes.Order(StringComparer.Ordinal));
        Assert.Equal(["Sample__EmulatorKey"], catalog.Exempt);
    }
}

[AttributeUsage(AttributeTargets.Property)]
internal sealed class LocalDevelopmentOnlyAttribute : Attribute;

internal sealed class SampleOptions
{
    public const string SectionName = "Sample";

    public string Name { get; set; } = string.Empty;

    public Uri? Endpoint { get; set; }

    public TimeSpan Timeout { get; init; }

    public Dictionary<string, string> Templates { get; } = [];

    public List<string> Hosts { get; set; } = [];

    public RetrySettings Retry { get; set; } = new();

    public string Computed => Name + "!";

    [LocalDevelopmentOnly]
    public string? EmulatorKey { get; set; }

    internal sealed class RetrySettings
    {
        public int Count { get; set; }
    }
}
