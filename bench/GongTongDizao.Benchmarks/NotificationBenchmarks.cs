using BenchmarkDotNet.Attributes;
using GongTongDizao.Core.Features.Notifications;
using GongTongDizao.WeChat;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.Benchmarks;

/// <summary>The subscribe-message data each delivery builds from the template catalogue before calling WeChat.</summary>
[MemoryDiagnoser]
public class NotificationBenchmarks
{
    private ServiceProvider _services = null!;
    private TemplateDefinition _replied = null!;
    private TemplateDefinition _threshold = null!;
    private string _repliedId = null!;
    private string _thresholdId = null!;
    private NotificationContent _repliedContent = null!;
    private NotificationContent _thresholdContent = null!;

    [GlobalSetup]
    public void Setup()
    {
        _services = CoreServices.Create();
        var catalogue = _services.GetRequiredService<TemplateCatalogue>();
        _replied = TemplateCatalogue.Definitions["letterReplied"];
        _threshold = TemplateCatalogue.Definitions["topicThresholdReached"];
        _repliedId = catalogue.TemplateIdOf(_replied.Key) ?? throw new InvalidOperationException("No template id for letterReplied.");
        _thresholdId = catalogue.TemplateIdOf(_threshold.Key) ?? throw new InvalidOperationException("No template id for topicThresholdReached.");
        _repliedContent = SampleData.RepliedNotification();
        _thresholdContent = SampleData.ThresholdNotification();
        if (BuildLetterReplied().Values["thing3"].Length > 20)
        {
            throw new InvalidOperationException("The reply summary was not shortened.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Description = "Template data: letterReplied")]
    public SubscribeMessageData BuildLetterReplied() => TemplateCatalogue.BuildData(_replied, _repliedId, _repliedContent);

    [Benchmark(Description = "Template data: topicThresholdReached")]
    public SubscribeMessageData BuildTopicThreshold() => TemplateCatalogue.BuildData(_threshold, _thresholdId, _thresholdContent);
}
