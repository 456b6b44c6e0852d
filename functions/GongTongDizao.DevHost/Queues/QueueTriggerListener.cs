using System.Diagnostics;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using GongTongDizao.DevHost.Metadata;

namespace GongTongDizao.DevHost.Queues;

/// <summary>
/// Polls one queue for one queue-trigger function with the Functions runtime's rules: a failed message becomes
/// visible again after host.json's visibilityTimeout, and after maxDequeueCount tries it moves, body intact, to
/// <c>&lt;queue&gt;-poison</c>.
/// </summary>
public sealed partial class QueueTriggerListener(
    FunctionDescriptor function,
    string queueName,
    QueueServiceClient queues,
    QueueHostSettings settings,
    IServiceScopeFactory scopes,
    ILogger<QueueTriggerListener> logger) : BackgroundService
{
    private static readonly TimeSpan s_minPollingInterval = TimeSpan.FromMilliseconds(100);

    // While a message is being handled it stays invisible to other pollers; a function timeout bounds it.
    private static readonly TimeSpan s_leaseTime = TimeSpan.FromMinutes(5);

    private readonly QueueFunctionInvoker _invoker = new(function);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var queue = queues.GetQueueClient(queueName);
        var poison = queues.GetQueueClient(queueName + "-poison");
        await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
        var delay = s_minPollingInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            QueueMessage[] batch;
            try
            {
                batch = (await queue.ReceiveMessagesAsync(settings.BatchSize, s_leaseTime, stoppingToken)).Value;
            }
            catch (RequestFailedException ex)
            {
                LogPollFailed(logger, queueName, ex.Status);
                batch = [];
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }

            if (batch.Length == 0)
            {
                await Task.Delay(delay, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, settings.MaxPollingInterval.Ticks));
                continue;
            }

            delay = s_minPollingInterval;
            await Task.WhenAll(batch.Select(m => HandleAsync(queue, poison, m, stoppingToken)));
        }
    }

    private async Task HandleAsync(QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken stoppingToken)
    {
        if (message.DequeueCount > settings.MaxDequeueCount)
        {
            await MoveToPoisonAsync(queue, poison, message, stoppingToken);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            await using (var scope = scopes.CreateAsyncScope())
            {
                await _invoker.InvokeAsync(scope.ServiceProvider, message, stoppingToken);
            }

            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
            LogHandled(logger, function.Name, queueName, message.MessageId, message.DequeueCount, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            LogFailed(logger, ex, function.Name, queueName, message.MessageId, message.DequeueCount, settings.MaxDequeueCount);
            if (message.DequeueCount >= settings.MaxDequeueCount)
            {
                await MoveToPoisonAsync(queue, poison, message, CancellationToken.None);
            }
            else
            {
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: settings.VisibilityTimeout, cancellationToken: CancellationToken.None);
            }
        }
    }

    private async Task MoveToPoisonAsync(QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken cancellationToken)
    {
        await poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await poison.SendMessageAsync(message.Body, cancellationToken: cancellationToken);
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        LogPoisoned(logger, queueName, message.MessageId, message.DequeueCount);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Queue {Function} <- {Queue} message {MessageId} (try {DequeueCount}) done in {ElapsedMs:0} ms")]
    private static partial void LogHandled(ILogger logger, string function, string queue, string messageId, long dequeueCount, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue {Function} <- {Queue} message {MessageId} failed (try {DequeueCount} of {MaxDequeueCount})")]
    private static partial void LogFailed(ILogger logger, Exception exception, string function, string queue, string messageId, long dequeueCount, int maxDequeueCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "Queue {Queue} message {MessageId} moved to the poison queue after {DequeueCount} tries")]
    private static partial void LogPoisoned(ILogger logger, string queue, string messageId, long dequeueCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling queue {Queue} failed with HTTP {Status}; retrying")]
    private static partial void LogPollFailed(ILogger logger, string queue, int status);
}
