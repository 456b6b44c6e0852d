using System.Globalization;
using Azure.Storage.Queues;
using GongTongDizao.DevHost.Triggers;
using GongTongDizao.Testing;

namespace GongTongDizao.DevHost.Tests.Triggers;

[Collection(TriggersCollection.Name)]
public sealed class QueueTriggerTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_message_is_delivered_with_its_body_and_the_queue_metadata_and_then_deleted()
    {
        var queueName = TriggerTestHost.NewQueueName();
        var invoker = new RecordingInvoker();
        var logs = new CapturedLogs();
        await using var host = await TriggerTestHost.StartAsync(azurite, invoker, [TriggerTestHost.Queue("OnEvent", queueName)], logs: logs);
        var queue = azurite.Queue(queueName);

        var sent = (await queue.SendMessageAsync("""{"eventId":"e-1","text":"你好"}""")).Value;

        await Eventually.TrueAsync(() => invoker.Calls.Count == 1, s_wait, "the message is delivered");
        var invocation = invoker.Calls[0].Invocation;
        Assert.Equal("OnEvent", invocation.Function.Name);
        Assert.Equal("""{"eventId":"e-1","text":"你好"}""", invocation.Payload);
        Assert.Equal(
            ["DequeueCount", "ExpirationTime", "Id", "InsertionTime", "NextVisibleTime", "PopReceipt", "QueueTrigger"],
            invocation.Metadata.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(invocation.Payload, invocation.Metadata["QueueTrigger"]);
        Assert.Equal("1", invocation.Metadata["DequeueCount"]);
        Assert.Equal(sent.MessageId, invocation.Metadata["Id"]);
        Assert.False(string.IsNullOrEmpty(invocation.Metadata["PopReceipt"]));
        foreach (var time in new[] { "InsertionTime", "ExpirationTime", "NextVisibleTime" })
        {
            var value = invocation.Metadata[time];
            Assert.Equal(value, DateTimeOffset.ParseExact(value, "O", CultureInfo.InvariantCulture).ToString("O", CultureInfo.InvariantCulture));
        }

        Assert.True(DateTimeOffset.Parse(invocation.Metadata["ExpirationTime"], CultureInfo.InvariantCulture) > DateTimeOffset.Parse(invocation.Metadata["InsertionTime"], CultureInfo.InvariantCulture));
        await Eventually.TrueAsync(async () => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0, s_wait, "the handled message is deleted");
        Assert.Contains(logs.Lines, l => l.StartsWith("Information Function.OnEvent: Executed 'OnEvent' (Succeeded", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.StartsWith("Information Azure", StringComparison.Ordinal) || l.StartsWith("Debug Azure", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failing_message_is_retried_maxDequeueCount_times_then_moved_to_poison_with_its_body()
    {
        var queueName = TriggerTestHost.NewQueueName();
        var invoker = new RecordingInvoker((_, _) => throw new InvalidOperationException("handler failed"));
        await using var host = await TriggerTestHost.StartAsync(azurite, invoker, [TriggerTestHost.Queue("OnEvent", queueName)]);
        var poison = azurite.Queue(queueName + "-poison");

        await azurite.Queue(queueName).SendMessageAsync("poison me 请");

        await Eventually.TrueAsync(async () => (await poison.PeekMessagesAsync(1)).Value.Length == 1, s_wait, "the message reaches the poison queue");
        Assert.Equal("poison me 请", (await poison.PeekMessagesAsync(1)).Value[0].Body.ToString());
        Assert.Equal(["1", "2", "3"], invoker.Calls.Select(c => c.Invocation.Metadata["DequeueCount"]));
        Assert.All(invoker.Calls, c => Assert.Equal("poison me 请", c.Invocation.Payload));
    }

    [Fact]
    public async Task A_message_that_is_not_base64_goes_to_poison_without_an_invocation()
    {
        var queueName = TriggerTestHost.NewQueueName();
        var invoker = new RecordingInvoker();
        await using var host = await TriggerTestHost.StartAsync(azurite, invoker, [TriggerTestHost.Queue("OnEvent", queueName)]);
        var poison = azurite.Queue(queueName + "-poison", QueueMessageEncoding.None);

        await azurite.Queue(queueName, QueueMessageEncoding.None).SendMessageAsync("{not base64!}");

        await Eventually.TrueAsync(async () => (await poison.PeekMessagesAsync(1)).Value.Length == 1, s_wait, "the message reaches the poison queue");
        Assert.Equal("{not base64!}", (await poison.PeekMessagesAsync(1)).Value[0].Body.ToString());
        Assert.Empty(invoker.Calls);
    }

    [Fact]
    public async Task With_messageEncoding_none_plain_text_messages_are_delivered_as_they_are()
    {
        const string hostJson = """{ "extensions": { "queues": { "maxPollingInterval": "00:00:00.200", "messageEncoding": "none" } } }""";
        var queueName = TriggerTestHost.NewQueueName();
        var invoker = new RecordingInvoker();
        await using var host = await TriggerTestHost.StartAsync(azurite, invoker, [TriggerTestHost.Queue("OnEvent", queueName)], hostJson);

        await azurite.Queue(queueName, QueueMessageEncoding.None).SendMessageAsync("{not base64!}");

        await Eventually.TrueAsync(() => invoker.Calls.Count == 1, s_wait, "the plain message is delivered");
        Assert.Equal("{not base64!}", invoker.Calls[0].Invocation.Payload);
    }

    [Fact]
    public async Task No_more_than_batchSize_plus_newBatchThreshold_messages_run_at_once()
    {
        const string hostJson = """{ "extensions": { "queues": { "maxPollingInterval": "00:00:00.200", "batchSize": 2, "newBatchThreshold": 1, "maxDequeueCount": 3 } } }""";
        var queueName = TriggerTestHost.NewQueueName();
        var invoker = new RecordingInvoker((_, ct) => Task.Delay(300, ct));
        var queue = azurite.Queue(queueName);
        await queue.CreateAsync();
        for (var i = 0; i < 12; i++)
        {
            await queue.SendMessageAsync($"m{i}");
        }

        await using var host = await TriggerTestHost.StartAsync(azurite, invoker, [TriggerTestHost.Queue("OnEvent", queueName)], hostJson);

        await Eventually.TrueAsync(() => invoker.Calls.Count(c => c.Ended is not null) == 12, s_wait, "all 12 messages are handled");
        Assert.InRange(invoker.MaxConcurrent, 2, 3);
        Assert.Equal(12, invoker.Calls.Select(c => c.Invocation.Payload).Distinct().Count());
    }

    [Fact]
    public async Task A_failed_message_is_retried_no_earlier_than_the_visibilityTimeout()
    {
        const string hostJson = """{ "extensions": { "queues": { "maxPollingInterval": "00:00:00.200", "visibilityTimeout": "00:00:03", "maxDequeueCount": 5 } } }""";
        var queueName = TriggerTestHost.NewQueueName();
        var invoker = new RecordingInvoker((i, _) => i.Metadata["DequeueCount"] == "1" ? throw new InvalidOperationException("first try fails") : Task.CompletedTask);
        await using var host = await TriggerTestHost.StartAsync(azurite, invoker, [TriggerTestHost.Queue("OnEvent", queueName)], hostJson);

        await azurite.Queue(queueName).SendMessageAsync("retry me");

        await Eventually.TrueAsync(() => invoker.Calls.Count == 2, s_wait, "the message is retried");
        var (first, second) = (invoker.Calls[0], invoker.Calls[1]);
        Assert.Equal(first.Invocation.Metadata["Id"], second.Invocation.Metadata["Id"]);
        Assert.Equal("2", second.Invocation.Metadata["DequeueCount"]);
        Assert.True(second.Started - first.Ended >= TimeSpan.FromSeconds(2.9), $"retried {(second.Started - first.Ended!.Value).TotalSeconds:0.00} s after the failure");
    }

    [Fact]
    public async Task A_queue_name_with_a_setting_reference_listens_on_the_setting_value()
    {
        var queueName = TriggerTestHost.NewQueueName();
        var invoker = new RecordingInvoker();
        await using var host = await TriggerTestHost.StartAsync(azurite, invoker, [TriggerTestHost.Queue("OnOrder", "%OrdersQueue%")],
            settings: new Dictionary<string, string?> { ["OrdersQueue"] = queueName });

        await azurite.Queue(queueName).SendMessageAsync("order-1");

        await Eventually.TrueAsync(() => invoker.Calls.Count == 1, s_wait, "the message on the resolved queue is delivered");
        Assert.Equal("order-1", invoker.Calls[0].Invocation.Payload);
        Assert.True((await azurite.Queue(queueName + "-poison").ExistsAsync()).Value, "the poison queue is created up front");
    }

    [Fact]
    public async Task A_setting_reference_that_is_not_set_fails_the_start_naming_the_setting()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            TriggerTestHost.StartAsync(azurite, new RecordingInvoker(), [TriggerTestHost.Queue("OnOrder", "%MissingQueueSetting%")]));

        Assert.Contains("'MissingQueueSetting'", error.Message, StringComparison.Ordinal);
        Assert.Contains("OnOrder", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_binding_that_is_not_a_queue_or_timer_trigger_is_refused()
    {
        var http = new TriggerFunction("id", "Health", "req", """{"name":"req","type":"httpTrigger","direction":"In","methods":["get"]}""");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => TriggerTestHost.StartAsync(azurite, new RecordingInvoker(), [http]));

        Assert.Contains("httpTrigger", error.Message, StringComparison.Ordinal);
    }
}
