using System.Net.Http.Headers;
using GongTongDizao.DevHost.Seeding;

namespace GongTongDizao.EndToEnd.Tests.Attachments;

/// <summary>A photo on a letter: the author and staff in scope get a read URL; anyone else gets neither the letter nor a URL.</summary>
[Collection(AttachmentsCollection.Name)]
public sealed class ReaderScopeTests(AttachmentsFixture host)
{
    private static readonly byte[] s_png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0];

    [Fact]
    public async Task Only_readers_of_the_letter_get_a_url_for_its_photo()
    {
        var author = await host.LoginAsync($"dev-{Guid.NewGuid():N}");
        await host.SendAsync(HttpMethod.Put, "api/me", author, new { displayName = "写信人", homeCommunityId = DemoData.DemoCommunityId });
        var (issued, ticket) = await host.SendAsync(HttpMethod.Post, "api/uploads", author, new { purpose = "letter", contentType = "image/png", size = s_png.Length });
        Assert.Equal(201, issued);
        using (var put = new HttpRequestMessage(HttpMethod.Put, new Uri(ticket.GetProperty("url").GetString()!)) { Content = new ByteArrayContent(s_png) })
        {
            put.Headers.Add("x-ms-blob-type", "BlockBlob");
            put.Content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            using var http = new HttpClient();
            using var uploaded = await http.SendAsync(put);
            Assert.Equal(201, (int)uploaded.StatusCode);
        }

        var uploadId = ticket.GetProperty("uploadId").GetString()!;
        var (submitted, letter) = await host.SendAsync(HttpMethod.Post, "api/letters", author, new { category = "housing", title = "楼顶漏水", content = "下雨天顶楼漏水，照片见附件。", anonymous = false, attachments = new[] { uploadId } });
        Assert.Equal(201, submitted);
        var path = $"api/letters/{Uri.EscapeDataString(letter.GetProperty("id").GetString()!)}";

        var (own, ownView) = await host.SendAsync(HttpMethod.Get, path, author);
        var (staff, staffView) = await host.SendAsync(HttpMethod.Get, path, await host.LoginAsync(DemoUsers.YouthWorker));
        var (neighbour, neighbourView) = await host.SendAsync(HttpMethod.Get, path, await host.LoginAsync(DemoUsers.Resident2));
        var (outOfScope, _) = await host.SendAsync(HttpMethod.Get, path, await host.LoginAsync(DemoUsers.WomenRep));

        Assert.Equal(200, own);
        Assert.StartsWith("http", ownView.GetProperty("attachments")[0].GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Equal(200, staff);
        Assert.Equal(uploadId, staffView.GetProperty("attachments")[0].GetProperty("uploadId").GetString());
        Assert.Equal(404, neighbour);
        Assert.DoesNotContain("blob", neighbourView.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains(outOfScope, new[] { 403, 404 });
    }
}
