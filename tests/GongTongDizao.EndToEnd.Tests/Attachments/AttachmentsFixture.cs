using System.Net.Http.Headers;
using System.Text.Json;
using GongTongDizao.Core.Features.Attachments;
using GongTongDizao.Testing;
using GongTongDizao.WeChat.Simulator;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.EndToEnd.Tests.Attachments;

public sealed class AttachmentsFixture : DevHostFixture
{
    public static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .. "JFIF"u8, 0x00, 0x01, 0x01, 0x00, 0x00, 0x48, 0x00, 0x48, 0x00, 0x00, 0xFF, 0xD9];
    public static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, .. "IHDR"u8, 0x00, 0x00, 0x00, 0x01];

    /// <summary>
    /// The DevHost starts its simulator without a push URL (its own port is not known yet), so media-check verdicts
    /// would go nowhere; point them at the DevHost's push endpoint as the WeChat console setting does in Azure.
    /// </summary>
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Services.GetRequiredService<WeChatSimulator>().Options.PushUrl = new Uri(BaseAddress, "api/wechat/push");
    }

    public UploadStore Uploads => Services.GetRequiredService<UploadStore>();

    public IAttachments Attachments => Services.GetRequiredService<IAttachments>();

    /// <summary>A fresh resident: token and user id.</summary>
    public async Task<(string Token, string UserId)> NewResidentAsync()
    {
        var token = await this.LoginAsync($"dev-{Guid.NewGuid():N}");
        var (_, me) = await this.SendAsync(HttpMethod.Get, "api/me", token);
        return (token, me.GetProperty("id").GetString()!);
    }

    public async Task<(int Status, JsonElement Body)> RequestUploadAsync(string token, string contentType, long size, string purpose = "letter") =>
        await this.SendAsync(HttpMethod.Post, "api/uploads", token, new { purpose, contentType, size });

    /// <summary>Asks for a SAS and PUTs the bytes through it as wx.request does; returns the upload id.</summary>
    public async Task<string> UploadAsync(string token, byte[] bytes, string contentType = "image/jpeg", long? declaredSize = null)
    {
        var (status, ticket) = await RequestUploadAsync(token, contentType, declaredSize ?? bytes.Length);
        Assert.Equal(201, status);
        var put = await PutAsync(ticket, bytes);
        Assert.Equal(201, put);
        return ticket.GetProperty("uploadId").GetString()!;
    }

    public static async Task<int> PutAsync(JsonElement ticket, byte[] bytes)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(new HttpMethod(ticket.GetProperty("method").GetString()!), new Uri(ticket.GetProperty("url").GetString()!))
        {
            Content = new ByteArrayContent(bytes),
        };
        foreach (var header in ticket.GetProperty("headers").EnumerateObject())
        {
            if (header.Name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(header.Value.GetString()!);
            }
            else
            {
                request.Headers.Add(header.Name, header.Value.GetString());
            }
        }

        using var response = await http.SendAsync(request);
        return (int)response.StatusCode;
    }
}

/// <summary>The attachment suites share one host, one after the other (each host start is seconds of CPU).</summary>
[CollectionDefinition(Name)]
public sealed class AttachmentsCollection : ICollectionFixture<AttachmentsFixture>
{
    public const string Name = "Attachments";
}
