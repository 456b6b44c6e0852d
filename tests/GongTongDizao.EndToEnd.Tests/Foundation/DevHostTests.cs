using System.Net;
using System.Text.Json;
using Azure.Storage.Queues;
using GongTongDizao.Core;
using GongTongDizao.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.EndToEnd.Tests.Foundation;

/// <summary>HTTP and queue triggers as the Functions host serves them, through the real worker.</summary>
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
    public async Task The_app_runs_in_a_worker_process_of_its_own_that_loaded_every_function()
    {
        var worker = host.Host.Supervisor.Process!.FindWorkerProcessId();

        Assert.NotNull(worker);
        Assert.NotEqual(Environment.ProcessId, worker);
        var commandLine = File.ReadAllText($"/proc/{worker}/cmdline").Replace('\0', ' ');
        Assert.Contains("GongTongDizao.Functions.dll", commandLine, StringComparison.Ordinal);
        Assert.Contains("--functions-uri http://127.0.0.1:", commandLine, StringComparison.Ordinal);
        var functions = (await host.Host.Supervisor.GetReadyAsync(TimeSpan.Zero, CancellationToken.None)).Functions;
        Assert.Equal(DevHost.Functions.FunctionApp.Locate(null).ReadMetadataFile().Select(f => f.Name).Order(), functions.Select(f => f.Name).Order());
    }

    [Fact]
    public async Task A_function_level_route_refuses_a_missing_or_wrong_key_and_runs_with_one()
    {
        using var client = host.CreateClient();

        using var without = await client.GetAsync(new Uri("api/manage/orgs/420106001/staff", UriKind.Relative));
        using var wrong = await client.GetAsync(new Uri("api/manage/orgs/420106001/staff?code=nope", UriKind.Relative));
        using var withKey = await client.GetAsync(new Uri($"api/manage/orgs/420106001/staff?code={FoundationFixture.FunctionKey}", UriKind.Relative));
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/manage/orgs/420106001/staff");
        request.Headers.Add("x-functions-key", FoundationFixture.MasterKey);
        using var master = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, master.StatusCode);
    }

    [Fact]
    public async Task An_unknown_route_and_a_wrong_method_are_404_as_in_Azure()
    {
        using var client = host.CreateClient();

        using var unknown = await client.GetAsync(new Uri("api/no-such-route", UriKind.Relative));
        using var wrongMethod = await client.DeleteAsync(new Uri("api/health", UriKind.Relative));
        using var outsidePrefix = await client.GetAsync(new Uri("health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, wrongMethod.StatusCode);
        Assert.False(wrongMethod.Content.Headers.Allow.Count > 0, "Azure sends no Allow header");
        Assert.Equal(HttpStatusCode.NotFound, outsidePrefix.StatusCode);
    }

    [Fact]
    public async Task A_message_whose_handler_throws_ends_in_the_poison_queue_intact()
    {
        // Not an event: FanOutEvent's parser throws, so the runtime retries and then poisons it.
        var body = $$"""{"id":"{{Guid.NewGuid():N}}","text":"毒消息 ✓"}""";
        var queue = Queue(StoreNames.Queues.Events);

        await queue.SendMessageAsync(body);

        await Eventually.TrueAsync(async () => await PoisonedAsync(body), TimeSpan.FromSeconds(90));
    }

    [Fact]
    public async Task A_message_that_is_not_base64_goes_to_the_poison_queue()
    {
        var body = $"not base64 {Guid.NewGuid():N} ✓";
        var raw = new QueueClient(host.Host.AppSettings["AzureWebJobsStorage"], StoreNames.Queues.Events);

        await raw.SendMessageAsync(body);

        await Eventually.TrueAsync(async () => await PoisonedAsync(body, base64: false), TimeSpan.FromSeconds(60));
    }

    /// <summary>Whether the poison queue holds <paramref name="body"/>, as sent: base64 (the app's encoding) or raw.</summary>
    private async Task<bool> PoisonedAsync(string body, bool base64 = true)
    {
        // Read undecoded: other tests poison messages that are not base64. Each is hidden briefly while we look.
        var poison = new QueueClient(host.Host.AppSettings["AzureWebJobsStorage"], StoreNames.Queues.Events + "-poison");
        var expected = base64 ? Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(body)) : body;
        var messages = (await poison.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(1))).Value;
        return messages.Any(m => m.Body.ToString() == expected);
    }

    private QueueClient Queue(string name) =>
        host.Services.GetRequiredService<QueueServiceClient>().GetQueueClient(name);
}
