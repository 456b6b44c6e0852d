using GongTongDizao.DevHost.Queues;

namespace GongTongDizao.DevHost.Tests;

public sealed class QueueHostSettingsTests
{
    [Fact]
    public void Reads_the_repository_host_json()
    {
        var settings = QueueHostSettings.FromHostJson(Path.Combine(AppContext.BaseDirectory, "host.json"));

        Assert.Equal(5, settings.MaxDequeueCount);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.VisibilityTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2), settings.MaxPollingInterval);
        Assert.Equal(16, settings.BatchSize);
        Assert.Equal("base64", settings.MessageEncoding);
    }

    [Fact]
    public void Missing_settings_take_the_runtime_defaults()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, """{ "version": "2.0", "extensions": { "queues": { "batchSize": 4 } } }""");

        var settings = QueueHostSettings.FromHostJson(path);

        Assert.Equal(4, settings.BatchSize);
        Assert.Equal(QueueHostSettings.Defaults.MaxDequeueCount, settings.MaxDequeueCount);
        Assert.Equal(QueueHostSettings.Defaults.VisibilityTimeout, settings.VisibilityTimeout);
    }
}
