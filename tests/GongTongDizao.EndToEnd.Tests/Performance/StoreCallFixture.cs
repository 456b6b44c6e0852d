using System.Collections.Concurrent;
using System.Text.Json;
using Azure.Core;
using Azure.Storage.Queues;
using GongTongDizao.Core.Storage;
using GongTongDizao.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.EndToEnd.Tests.Performance;

/// <summary>
/// The DevHost with the store-call counters plugged in: a Cosmos request handler (Core hands every registered
/// <see cref="RequestHandler"/> to the client), a pipeline policy on the queue client, and a middleware that opens a
/// tally for each request carrying <see cref="ProbeHeader"/>. Only tests register them, so production pays nothing.
/// </summary>
public sealed class StoreCallFixture : DevHostFixture
{
    public const string ProbeHeader = "x-store-call-probe";

    private readonly ConcurrentDictionary<string, Measured> _measured = new(StringComparer.Ordinal);

    /// <summary>Sends a request like the mini-program and returns what it answered and the store calls it made.</summary>
    public async Task<(int Status, JsonElement Body, StoreCallTally Calls)> SendMeasuredAsync(HttpMethod method, string path, string? token = null, object? body = null, string? functionKey = null)
    {
        var probe = Guid.NewGuid().ToString("N");
        using var client = CreateClient();
        using var request = ApiClient.Request(method, path, token, body, functionKey);
        request.Headers.Add(ProbeHeader, probe);

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        ApiClient.AssertMatchesContract(method.Method, path, response, text);
        Assert.True(_measured.TryRemove(probe, out var measured), $"{method} {path} was not measured");
        // The response is out before the middleware unwinds; wait for it so no late call is missed.
        await measured.Done.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return ((int)response.StatusCode, json, measured.Tally);
    }

    protected override void ConfigureHost(WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RequestHandler, CosmosCallCounter>();
        // Registered before Core's TryAddSingleton, so this queue client (with the counting policy) is the one used.
        builder.Services.AddSingleton(sp =>
        {
            var options = StorageConnection.QueueOptions();
            options.AddPolicy(new QueueSendCounter(), HttpPipelinePosition.PerCall);
            return new QueueServiceClient(sp.GetRequiredService<StorageConnection>().ConnectionString, options);
        });
        builder.Services.AddSingleton<IStartupFilter>(new ProbeFilter(_measured));
    }

    private sealed record Measured(StoreCallTally Tally, TaskCompletionSource Done);

    private sealed class ProbeFilter(ConcurrentDictionary<string, Measured> measured) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (HttpContext context, RequestDelegate inner) =>
            {
                if (context.Request.Headers[ProbeHeader].ToString() is not { Length: > 0 } probe)
                {
                    await inner(context);
                    return;
                }

                var entry = new Measured(new StoreCallTally(), new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
                measured[probe] = entry;
                try
                {
                    using (StoreCallScope.Open(entry.Tally))
                    {
                        await inner(context);
                    }
                }
                finally
                {
                    entry.Done.TrySetResult();
                }
            });
            next(app);
        };
    }
}

[CollectionDefinition(Name)]
public sealed class StoreCallCollection : ICollectionFixture<StoreCallFixture>
{
    public const string Name = "Store calls";
}
