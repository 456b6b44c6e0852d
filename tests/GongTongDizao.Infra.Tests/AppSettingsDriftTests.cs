using System.Reflection;
using GongTongDizao.Infra.Tests.Support;

namespace GongTongDizao.Infra.Tests;

/// <summary>
/// The template and the app agree on settings: every options property the app binds is set by the template, and
/// every app setting in the template is read by the app or is a known runtime setting.
/// </summary>
[Collection(InfraTestGroup.Name)]
public sealed class AppSettingsDriftTests(InfraFixture infra)
{
    /// <summary>Settings read by the Functions host, the App Service platform or SDKs rather than by options classes.</summary>
    private static readonly string[] s_runtimePrefixes = ["AzureWebJobsStorage__", "APPLICATIONINSIGHTS_", "FUNCTIONS_", "WEBSITE_", "AZURE_"];

    private static readonly Lazy<OptionsCatalog> s_options = new(() =>
        OptionsCatalog.Discover(Assembly.Load("GongTongDizao.Core"), Assembly.Load("GongTongDizao.WeChat")));

    [Fact]
    public void The_template_settings_are_fully_readable()
    {
        var template = AppSettingsReader.Read(infra.MainTemplate);
        Assert.True(template.Unresolved.Count == 0, "The drift test cannot read these parts of the app settings:\n" + string.Join('\n', template.Unresolved));
        Assert.True(template.Settings.Count > 10);
    }

    [Fact]
    public void Options_classes_are_found_in_core_and_wechat()
    {
        var sections = s_options.Value.Sections;
        Assert.Contains(sections.Values.SelectMany(t => t), t => t.Assembly.GetName().Name == "GongTongDizao.Core");
        Assert.Contains(sections.Values.SelectMany(t => t), t => t.Assembly.GetName().Name == "GongTongDizao.WeChat");
    }

    [Fact]
    public void Every_setting_the_app_reads_is_set_by_the_template()
    {
        var options = s_options.Value;
        var template = AppSettingsReader.Read(infra.MainTemplate);
        var missing = options.Settings.Where(s => !template.Settings.ContainsKey(s)).Order(StringComparer.Ordinal).ToList();
        missing.AddRange(options.Prefixes
            .Where(p => !template.Prefixes.Contains(p) && !template.Settings.Keys.Any(k => k.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            .Select(p => p + "*"));

        Assert.True(
            missing.Count == 0,
            "The app binds these settings but infra/modules/function-app.bicep does not set them (add them to the template, "
            + $"or mark a local-only property [{OptionsCatalog.ExemptAttributeName}]):\n" + string.Join('\n', missing));
    }

    [Fact]
    public void Every_setting_in_the_template_is_read_by_the_app_or_the_runtime()
    {
        var options = s_options.Value;
        var template = AppSettingsReader.Read(infra.MainTemplate);
        var unknown = template.Settings.Keys
            .Where(name => !options.Settings.Contains(name)
                && !options.Prefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase))
                && !s_runtimePrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal)))
            .Concat(template.Prefixes.Where(p => !options.Prefixes.Contains(p) && !s_runtimePrefixes.Any(r => p.StartsWith(r, StringComparison.Ordinal))).Select(p => p + "*"))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(
            unknown.Count == 0,
            "The template sets these app settings but no options class reads them (remove them, or add the options property):\n" + string.Join('\n', unknown));
    }
}
