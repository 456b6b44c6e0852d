using System.Collections.Concurrent;
using GongTongDizao.DevHost.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace GongTongDizao.EndToEnd.Tests.Foundation;

/// <summary>Test-only functions the DevHost serves beside the app's own, to prove its trigger mechanics.</summary>
public sealed class TestFunctions
{
    public const string WorkQueue = "e2e-work";
    public const string FailingQueue = "e2e-failing";

    public static ConcurrentBag<string> Processed { get; } = [];

    public static ConcurrentDictionary<string, int> Attempts { get; } = new();

    public static Task Work(string message, CancellationToken cancellationToken)
    {
        Processed.Add(message);
        return Task.CompletedTask;
    }

    public static void AlwaysFails(string message)
    {
        Attempts.AddOrUpdate(message, 1, (_, n) => n + 1);
        throw new InvalidOperationException("This handler always fails.");
    }

    public static IActionResult Protected(HttpRequest req, string id) => new OkObjectResult(id);

    public static IEnumerable<FunctionDescriptor> Descriptors() =>
    [
        new("E2eWork", typeof(TestFunctions).GetMethod(nameof(Work))!, null, new QueueTriggerBinding("message", WorkQueue)),
        new("E2eAlwaysFails", typeof(TestFunctions).GetMethod(nameof(AlwaysFails))!, null, new QueueTriggerBinding("message", FailingQueue)),
        new("E2eProtected", typeof(TestFunctions).GetMethod(nameof(Protected))!, new HttpTriggerBinding("req", AuthLevel.Function, ["GET"], "e2e/protected/{id}"), null),
    ];
}
