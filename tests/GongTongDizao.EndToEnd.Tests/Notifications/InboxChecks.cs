using System.Text.Json;
using GongTongDizao.Core;
using GongTongDizao.Core.Storage;
using GongTongDizao.Testing;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.EndToEnd.Tests;

/// <summary>What a person was told, as they read it (the inbox) and as the store recorded its delivery: shared by every host's notification tests.</summary>
public static class InboxChecks
{
    /// <summary>Waits for the caller's inbox to hold an item of <paramref name="eventType"/> about <paramref name="entityId"/>.</summary>
    public static async Task<JsonElement> InboxItemAsync(this DevHostFixture host, string token, string eventType, string entityId)
    {
        JsonElement? found = null;
        await Eventually.TrueAsync(
            async () =>
            {
                var (status, page) = await host.SendAsync(HttpMethod.Get, "api/me/notifications", token);
                Assert.Equal(200, status);
                found = page.GetProperty("items").EnumerateArray()
                    .Where(i => i.GetProperty("eventType").GetString() == eventType && i.GetProperty("entityId").GetString() == entityId)
                    .Select(i => (JsonElement?)i).FirstOrDefault();
                return found is not null;
            },
            TimeSpan.FromSeconds(90));
        return found!.Value;
    }

    /// <summary>True when the caller's inbox holds no item of <paramref name="eventType"/> about <paramref name="entityId"/>.</summary>
    public static async Task<bool> HasNoInboxItemAsync(this DevHostFixture host, string token, string eventType, string entityId)
    {
        var (_, page) = await host.SendAsync(HttpMethod.Get, "api/me/notifications", token);
        return !page.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("eventType").GetString() == eventType && i.GetProperty("entityId").GetString() == entityId);
    }

    /// <summary>
    /// The inbox items <paramref name="userId"/> holds about <paramref name="entityId"/>, read from the store: found however
    /// many newer items other hosts' tests have put in a shared demo account's inbox meanwhile (the list answers a page).
    /// </summary>
    public static async Task<List<JsonElement>> InboxItemsAboutAsync(this DevHostFixture host, string userId, string entityId)
    {
        ArgumentNullException.ThrowIfNull(host);
        var container = host.Services.GetRequiredService<CosmosClient>().GetContainer(StoreNames.Database, StoreNames.Containers.Notifications);
        var query = new QueryDefinition("SELECT * FROM c WHERE c.entityId = @entityId").WithParameter("@entityId", entityId);
        return await FeedReads.ToListAsync(container.DrainAsync<JsonElement>(query, new PartitionKey(userId), CancellationToken.None), CancellationToken.None);
    }

    /// <summary>The delivery record of one notification (its inbox id is <c>n~{eventId}</c>), read from the store.</summary>
    public static async Task<JsonElement?> DeliveryAsync(this DevHostFixture host, string userId, string inboxId)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(inboxId);
        var container = host.Services.GetRequiredService<CosmosClient>().GetContainer(StoreNames.Database, StoreNames.Containers.Notifications);
        try
        {
            return (await container.ReadItemAsync<JsonElement>("delivery~" + inboxId[2..], new PartitionKey(userId))).Resource;
        }
        catch (CosmosException ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
