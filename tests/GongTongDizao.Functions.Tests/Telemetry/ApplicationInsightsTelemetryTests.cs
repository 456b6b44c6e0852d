using System.Collections.Concurrent;
using System.Reflection;
using GongTongDizao.Core;
using GongTongDizao.Core.Telemetry;
using Microsoft.ApplicationInsights;
using Microsoft.ApplicationInsights.Channel;
using Microsoft.ApplicationInsights.DataContracts;
using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.Functions.Tests.Telemetry;

/// <summary>The Functions app's sink: the custom events reach Application Insights as customEvents, Entra-authenticated when the infra asks.</summary>
public sealed class ApplicationInsightsTelemetryTests
{
    [Fact]
    public void An_event_becomes_an_event_telemetry_with_its_name_and_dimensions()
    {
        var channel = new CapturingChannel();
        using var configuration = new TelemetryConfiguration { TelemetryChannel = channel, ConnectionString = "InstrumentationKey=00000000-0000-0000-0000-000000000001" };
        var events = new AppEvents(new AppInsightsEvents(new TelemetryClient(configuration)));

        events.LetterEvaluated("420106001001~abc", "420106001001", resolved: false, satisfaction: 2);
        events.WeChatSendFailed("letterAccepted", "43101");

        Assert.Collection(
            channel.Items.Cast<EventTelemetry>(),
            e =>
            {
                Assert.Equal("LetterEvaluated", e.Name);
                Assert.Equal(
                    new Dictionary<string, string> { ["letterId"] = "420106001001~abc", ["communityId"] = "420106001001", ["resolved"] = "false", ["satisfaction"] = "2" },
                    e.Properties);
            },
            e =>
            {
                Assert.Equal("WeChatSendFailed", e.Name);
                Assert.Equal(new Dictionary<string, string> { ["templateKey"] = "letterAccepted", ["errCode"] = "43101" }, e.Properties);
            });
    }

    [Theory]
    [InlineData("Authorization=AAD;ClientId=11111111-2222-3333-4444-555555555555", true, "11111111-2222-3333-4444-555555555555")]
    [InlineData(" authorization = aad ; clientid = abc ;", true, "abc")]
    [InlineData("Authorization=AAD", true, null)]
    [InlineData("Authorization=AAD;ClientId=", true, null)]
    [InlineData("ClientId=abc", false, null)]
    [InlineData("Authorization=Key;ClientId=abc", false, null)]
    [InlineData("", false, null)]
    [InlineData(null, false, null)]
    public void The_authentication_string_names_the_managed_identity(string? setting, bool entra, string? clientId)
    {
        Assert.Equal(entra, ApplicationInsightsTelemetry.TryReadEntraAuthentication(setting, out var read));
        Assert.Equal(clientId, read);
    }

    [Fact]
    public async Task The_worker_replaces_the_log_sink_and_signs_telemetry_in_with_the_managed_identity()
    {
        await using var provider = Services(new() { [ApplicationInsightsTelemetry.AuthenticationStringSetting] = "Authorization=AAD;ClientId=11111111-2222-3333-4444-555555555555", [ApplicationInsightsTelemetry.ConnectionStringSetting] = ConnectionString });

        Assert.IsType<AppInsightsEvents>(provider.GetRequiredService<IAppTelemetry>());
        Assert.NotNull(CredentialOf(provider.GetRequiredService<TelemetryConfiguration>()));
    }

    [Fact]
    public async Task Without_the_setting_telemetry_is_sent_without_a_token()
    {
        await using var provider = Services(new() { [ApplicationInsightsTelemetry.ConnectionStringSetting] = ConnectionString });

        Assert.IsType<AppInsightsEvents>(provider.GetRequiredService<IAppTelemetry>());
        Assert.Null(CredentialOf(provider.GetRequiredService<TelemetryConfiguration>()));
    }

    [Fact]
    public async Task Without_a_connection_string_the_events_stay_in_the_log()
    {
        await using var provider = Services([]);

        Assert.IsType<LoggingAppTelemetry>(provider.GetRequiredService<IAppTelemetry>());
    }

    private const string ConnectionString = "InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=https://127.0.0.1:1/";

    /// <summary>Program.cs's registrations (the host adds IConfiguration and logging): telemetry first, then what both hosts share.</summary>
    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddGongTongDizaoTelemetry(configuration);
        services.AddGongTongDizaoCore(configuration);
        return services.BuildServiceProvider();
    }

    /// <summary>The SDK keeps the credential SetAzureTokenCredential was given in an internal property.</summary>
    private static object? CredentialOf(TelemetryConfiguration configuration)
    {
        var property = typeof(TelemetryConfiguration).GetProperty("CredentialEnvelope", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public);
        Assert.NotNull(property);
        return property.GetValue(configuration);
    }

    private sealed class CapturingChannel : ITelemetryChannel
    {
        private readonly ConcurrentQueue<ITelemetry> _items = new();

        public IEnumerable<ITelemetry> Items => _items;

        public bool? DeveloperMode { get; set; }

        public string? EndpointAddress { get; set; }

        public void Send(ITelemetry item) => _items.Enqueue(item);

        public void Flush()
        {
        }

        public void Dispose()
        {
        }
    }
}
