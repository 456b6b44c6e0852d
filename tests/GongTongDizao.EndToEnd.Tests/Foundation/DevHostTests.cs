using System.Net;
using System.Text.Json;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.EndToEnd.Tests.Foundation;

public sealed class DevHostTests(FoundationFixture host) : IClassFixture<FoundationFixture>
{
    [Fact]
    public async Task Health_is_200_when_Cosmos_and_Storage_answer()
    {
        using var client = host.CreateClient();

        using var response = await client.GetAsync(new Uri("api/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("healthy", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("up", body.RootElement.GetProperty("checks").GetProperty("cosmos").GetProperty("status").GetString());
        Assert.Equal("up", body.RootElement.GetProperty("checks").GetProperty("storage").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_function_level_route_without_a_key_is_401_and_with_one_runs()
    {
        using var client = host.CreateClient();

        using var without = await client.GetAsync(new Uri("api/e2e/protected/abc", UriKind.Relative));
        using var wrong = await client.GetAsync(new Uri("api/e2e/protected/abc?code=nope", UriKind.Relative));
        using var withKey = await client.GetAsync(new Uri($"api/e2e/protected/abc?code={FoundationFixture.FunctionKey}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withKey.StatusCode);
        Assert.Contains("abc", await withKey.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_route_is_404()
    {
        using var client = host.CreateClient();

        using var response = await client.GetAsync(new Uri("api/no-such-route", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_queue_trigger_function_processes_a_message()
    {
        var body = $"work-{Guid.NewGuid():N}";
        var queue = Queue(TestFunctions.WorkQueue);
        await queue.CreateIfNotExistsAsync();

        await queue.SendMessageAsync(body);

        await Eventually.TrueAsync(() => TestFunctions.Processed.Contains(body), TimeSpan.FromSeconds(30));
        await Eventually.TrueAsync(async () => (await queue.PeekMessagesAsync(32)).Value.Length == 0, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_message_whose_handler_always_throws_ends_in_the_poison_queue_intact()
    {
        var body = $$"""{"id":"{{Guid.NewGuid():N}}","text":"毒消息 ✓"}""";
        var queue = Queue(TestFunctions.FailingQueue);
        var poison = Queue(TestFunctions.FailingQueue + "-poison");
        await queue.CreateIfNotExistsAsync();
        await poison.CreateIfNotExistsAsync();

        await queue.SendMessageAsync(body);

        string? poisoned = null;
        await Eventually.TrueAsync(
            async () =>
            {
                var messages = (await poison.ReceiveMessagesAsync(32)).Value;
                poisoned = messages.Select(m => m.Body.ToString()).FirstOrDefault(m => m == body) ?? poisoned;
                return poisoned is not null;
            },
            TimeSpan.FromSeconds(60));
        Assert.Equal(body, poisoned);
        Assert.Equal(FoundationFixture.MaxDequeueCount, TestFunctions.Attempts[body]);
    }

    private QueueClient Queue(string name) =>
        host.Services.GetRequiredService<QueueServiceClient>().GetQueueClient(name);
}
