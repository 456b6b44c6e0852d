using System.Text;
using GongTongDizao.Core.Features.Attachments;

namespace GongTongDizao.Core.Tests.Attachments;

public sealed class AttachmentRulesTests
{
    private static readonly byte[] s_jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01];
    private static readonly byte[] s_png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D];
    private static readonly byte[] s_webp = [.. "RIFF"u8, 0x24, 0x00, 0x00, 0x00, .. "WEBP"u8];

    [Theory]
    [InlineData("image/jpeg", "jpeg", true)]
    [InlineData("image/png", "png", true)]
    [InlineData("image/webp", "webp", true)]
    [InlineData("image/jpeg", "png", false)]
    [InlineData("image/png", "jpeg", false)]
    [InlineData("image/webp", "riffwave", false)]
    [InlineData("image/jpeg", "text", false)]
    [InlineData("image/gif", "jpeg", false)]
    public void The_first_bytes_must_be_the_declared_type(string contentType, string sample, bool expected)
    {
        var head = sample switch
        {
            "jpeg" => s_jpeg,
            "png" => s_png,
            "webp" => s_webp,
            "riffwave" => [.. "RIFF"u8, 0x24, 0x00, 0x00, 0x00, .. "WAVE"u8],
            _ => Encoding.UTF8.GetBytes("<html>not an image</html>"),
        };

        Assert.Equal(expected, AttachmentRules.LooksLike(contentType, head));
    }

    [Fact]
    public void A_truncated_header_is_not_an_image()
    {
        Assert.False(AttachmentRules.LooksLike("image/jpeg", s_jpeg.AsSpan(0, 2)));
        Assert.False(AttachmentRules.LooksLike("image/png", s_png.AsSpan(0, 7)));
        Assert.False(AttachmentRules.LooksLike("image/webp", s_webp.AsSpan(0, 11)));
        Assert.False(AttachmentRules.LooksLike("image/jpeg", []));
    }

    [Fact]
    public void Committed_photos_live_outside_the_expiring_upload_prefix()
    {
        var upload = AttachmentRules.UploadBlobName("u1", "0123456789abcdef0123456789abcdef");
        var item = AttachmentRules.ItemBlobName("letter", "L1", "0123456789abcdef0123456789abcdef");

        // infra/main.bicep: expiringBlobPrefixes = ['attachments/uploads/'] (container "attachments").
        Assert.StartsWith("uploads/", upload, StringComparison.Ordinal);
        Assert.False(item.StartsWith("uploads/", StringComparison.Ordinal));
        Assert.Equal("items/letter/L1/0123456789abcdef0123456789abcdef", item);
        Assert.Throws<ArgumentException>(() => AttachmentRules.ItemBlobName("letter", "a/b", "x"));
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef", true)]
    [InlineData("0123456789ABCDEF0123456789ABCDEF", false)]
    [InlineData("0123456789abcdef", false)]
    [InlineData("../uploads/other/0123456789abcdef", false)]
    [InlineData(null, false)]
    public void Only_our_own_id_format_is_looked_up(string? id, bool expected) =>
        Assert.Equal(expected, AttachmentRules.IsUploadId(id));

    [Fact]
    public void The_upload_request_is_validated()
    {
        var validator = new CreateUploadValidator();

        Assert.True(validator.Validate(new CreateUploadRequest("letter", "image/jpeg", AttachmentRules.MaxBytes)).IsValid);
        var tooLarge = validator.Validate(new CreateUploadRequest("letter", "image/jpeg", AttachmentRules.MaxBytes + 1));
        var gif = validator.Validate(new CreateUploadRequest("topic", "image/gif", 100));
        var purpose = validator.Validate(new CreateUploadRequest("avatar", "image/png", 100));
        var empty = validator.Validate(new CreateUploadRequest("comment", "image/png", 0));

        Assert.Equal("Size", Assert.Single(tooLarge.Errors).PropertyName, ignoreCase: true);
        Assert.Equal("ContentType", Assert.Single(gif.Errors).PropertyName, ignoreCase: true);
        Assert.Equal("Purpose", Assert.Single(purpose.Errors).PropertyName, ignoreCase: true);
        Assert.False(empty.IsValid);
    }
}
