using GongTongDizao.Testing;

namespace GongTongDizao.DevHost.Tests.Triggers;

[Collection(TriggersCollection.Name)]
public sealed class TriggerHostLifecycleTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task After_StopAsync_no_function_runs_and_new_messages_stay_in_the_queue()
    {
        var queueName = TriggerTestHost.NewQueueName();
        var invoker = new RecordingInvoker();
        await using var host = await TriggerTestHost.StartAsync(azurite, invoker,
            [TriggerTestHost.Queue("OnEvent", queueName), TriggerTestHost.Timer("Tick", "0 0 0 1 1 *")], timerInterval: TimeSpan.FromMilliseconds(200));
        var queue = azurite.Queue(queueName);
        await queue.SendMessageAsync("before");
        await Eventually.TrueAsync(() => invoker.Calls.Any(c => c.Invocation.Payload == "before") && invoker.Calls.Count(c => c.Invocation.Function.Name == "Tick") >= 2,
            s_wait, "the queue and the timer both run");

        await host.StopAsync(CancellationToken.None);
        var seen = invoker.Calls.Count;
        await queue.SendMessageAsync("after");
        // The sentinel: a successor host on the same queue with the same timer. Once it has received "after" and
        // ticked twice, the stopped host has had as long to poll and tick (200 ms each) as the successor needed.
        var successor = new RecordingInvoker();
        await using var next = await TriggerTestHost.StartAsync(azurite, successor,
            [TriggerTestHost.Queue("OnEvent", queueName), TriggerTestHost.Timer("Tick", "0 0 0 1 1 *")], timerInterval: TimeSpan.FromMilliseconds(200));
        await Eventually.TrueAsync(() => successor.Calls.Any(c => c.Invocation.Payload == "after") && successor.Calls.Count(c => c.Invocation.Function.Name == "Tick") >= 2,
            s_wait, "the successor gets the message and ticks");

        Assert.Equal(seen, invoker.Calls.Count);
        // First dequeued by the successor: the stopped host never took it off the queue.
        Assert.Equal("1", successor.Calls.Single(c => c.Invocation.Payload == "after").Invocation.Metadata["DequeueCount"]);
    }

    [Fact]
    public async Task Stopping_cancels_a_running_invocation_and_its_message_is_delivered_again_later()
    {
        var queueName = TriggerTestHost.NewQueueName();
        var cancelled = new TaskCompletionSource();
        var first = new RecordingInvoker(async (_, ct) =>
        {
            await using var registration = ct.Register(() => cancelled.TrySetResult());
            await Task.Delay(Timeout.Infinite, ct);
        });
        var host = await TriggerTestHost.StartAsync(azurite, first, [TriggerTestHost.Queue("OnEvent", queueName)]);
        await azurite.Queue(queueName).SendMessageAsync("interrupted");
        await Eventually.TrueAsync(() => first.Calls.Count == 1, s_wait, "the invocation starts");

        await host.DisposeAsync();

        Assert.True(cancelled.Task.IsCompleted, "the running invocation's token was cancelled");
        var second = new RecordingInvoker();
        await using var restarted = await TriggerTestHost.StartAsync(azurite, second, [TriggerTestHost.Queue("OnEvent", queueName)]);
        await Eventually.TrueAsync(() => second.Calls.Count == 1, s_wait, "the message is delivered again");
        Assert.Equal("interrupted", second.Calls[0].Invocation.Payload);
        Assert.Equal("2", second.Calls[0].Invocation.Metadata["DequeueCount"]);
    }

    [Fact]
    public async Task Two_hosts_in_one_process_with_the_same_function_names_each_get_only_their_own_messages()
    {
        var (queueA, queueB) = (TriggerTestHost.NewQueueName(), TriggerTestHost.NewQueueName());
        var (invokerA, invokerB) = (new RecordingInvoker(), new RecordingInvoker());
        await using var hostA = await TriggerTestHost.StartAsync(azurite, invokerA, [TriggerTestHost.Queue("OnEvent", queueA)]);
        var hostB = await TriggerTestHost.StartAsync(azurite, invokerB, [TriggerTestHost.Queue("OnEvent", queueB)]);

        await azurite.Queue(queueA).SendMessageAsync("for A");
        await azurite.Queue(queueB).SendMessageAsync("for B");
        await Eventually.TrueAsync(() => invokerA.Calls.Count == 1 && invokerB.Calls.Count == 1, s_wait, "each host gets its message");
        Assert.Equal("for A", invokerA.Calls[0].Invocation.Payload);
        Assert.Equal("for B", invokerB.Calls[0].Invocation.Payload);

        await hostB.DisposeAsync();
        await azurite.Queue(queueA).SendMessageAsync("A again");
        await Eventually.TrueAsync(() => invokerA.Calls.Count == 2, s_wait, "host A keeps running after host B is gone");
        Assert.Equal("A again", invokerA.Calls[1].Invocation.Payload);
        Assert.Single(invokerB.Calls);
    }

    [Fact]
    public async Task A_storage_outage_neither_ends_the_process_nor_the_triggers()
    {
        var queueName = TriggerTestHost.NewQueueName();
        var invoker = new RecordingInvoker();
        var logs = new CapturedLogs();
        await using var host = await TriggerTestHost.StartAsync(azurite, invoker, [TriggerTestHost.Queue("OnEvent", queueName)], logs: logs);
        await azurite.Queue(queueName).SendMessageAsync("before the outage");
        await Eventually.TrueAsync(() => invoker.Calls.Count == 1, s_wait, "the first message is delivered");

        azurite.Stop();
        try
        {
            await Eventually.TrueAsync(() => logs.AllText.Contains("A trigger listener failed", StringComparison.Ordinal), s_wait, "the listener reports the outage");
        }
        finally
        {
            await azurite.StartAsync(); // in memory: the queues are gone and must be created again by the restart
        }

        await Eventually.TrueAsync(() => host.Restarts >= 1, TimeSpan.FromSeconds(60), "the triggers restart once storage is back");
        await azurite.Queue(queueName).SendMessageAsync("after the outage");
        await Eventually.TrueAsync(() => invoker.Calls.Count == 2, s_wait, "a message after the outage is delivered");
        Assert.Equal("after the outage", invoker.Calls[1].Invocation.Payload);
    }
}
