using GongTongDizao.Core.Auth;
using GongTongDizao.Core.Features.Hours;
using Microsoft.Extensions.Options;

namespace GongTongDizao.Core.Tests.Hours;

/// <summary>The check-in code's scene: short enough for WeChat, signed, expiring, and bound to its session.</summary>
public sealed class CheckInTokensTests
{
    private static readonly DateTimeOffset s_now = new(2026, 12, 6, 1, 0, 0, TimeSpan.Zero);

    private static CheckInTokens Create(string? key = null) =>
        new(new KeyMaterial(Options.Create(new AuthOptions
        {
            SigningKey = Convert.ToBase64String(new byte[32]),
            DataProtectionKey = key ?? Convert.ToBase64String(new byte[32].Select((_, i) => (byte)i).ToArray()),
        })));

    [Fact]
    public void A_scene_is_32_characters_WeChat_accepts_and_opens_until_its_end()
    {
        var tokens = Create();
        var code = tokens.CodeId("420106001001~a1", "s1");
        var scene = tokens.Issue(code, s_now.AddHours(2));

        Assert.Equal(32, scene.Length);
        Assert.Matches(@"^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]+$", scene);
        Assert.Equal(CheckInTokenCheck.Valid, tokens.Check(scene, s_now, out var ticket));
        Assert.Equal(code, ticket!.CodeId);
        Assert.Equal(s_now.AddHours(2), ticket.ValidUntil);
        Assert.Equal(CheckInTokenCheck.Valid, tokens.Check(scene, s_now.AddHours(2), out _));
    }

    [Fact]
    public void Yesterdays_code_is_expired()
    {
        var tokens = Create();
        var scene = tokens.Issue(tokens.CodeId("a", "s"), s_now.AddDays(-1));
        Assert.Equal(CheckInTokenCheck.Expired, tokens.Check(scene, s_now, out _));
        Assert.Equal(CheckInTokenCheck.Expired, tokens.Check(tokens.Issue(tokens.CodeId("a", "s"), s_now), s_now.AddMinutes(1), out _));
    }

    [Fact]
    public void Each_session_has_its_own_stable_code()
    {
        var tokens = Create();
        Assert.Equal(tokens.CodeId("a", "s1"), tokens.CodeId("a", "s1"));
        Assert.NotEqual(tokens.CodeId("a", "s1"), tokens.CodeId("a", "s2"));
        Assert.NotEqual(tokens.CodeId("a", "s1"), tokens.CodeId("b", "s1"));
        Assert.Matches("^[0-9a-f]{16}$", tokens.CodeId("a", "s1"));
    }

    [Fact]
    public void Altered_made_up_or_foreign_key_scenes_are_invalid()
    {
        var tokens = Create();
        var scene = tokens.Issue(tokens.CodeId("a", "s"), s_now.AddHours(1));
        for (var i = 0; i < scene.Length; i++)
        {
            var altered = scene[..i] + (scene[i] == 'A' ? 'B' : 'A') + scene[(i + 1)..];
            Assert.Equal(CheckInTokenCheck.Invalid, tokens.Check(altered, s_now, out var ticket));
            Assert.Null(ticket);
        }

        var other = Create(Convert.ToBase64String(new byte[32]));
        Assert.Equal(CheckInTokenCheck.Invalid, other.Check(scene, s_now, out _));
        Assert.Equal(CheckInTokenCheck.Invalid, tokens.Check(null, s_now, out _));
        Assert.Equal(CheckInTokenCheck.Invalid, tokens.Check("", s_now, out _));
        Assert.Equal(CheckInTokenCheck.Invalid, tokens.Check(scene[..31], s_now, out _));
        Assert.Equal(CheckInTokenCheck.Invalid, tokens.Check(new string('*', 32), s_now, out _));
    }

    [Fact]
    public void A_later_end_cannot_be_written_into_a_scene()
    {
        var tokens = Create();
        var code = tokens.CodeId("a", "s");
        var old = Convert.FromBase64String(tokens.Issue(code, s_now.AddDays(-1)).Replace('-', '+').Replace('_', '/'));
        var fresh = Convert.FromBase64String(tokens.Issue(code, s_now.AddDays(1)).Replace('-', '+').Replace('_', '/'));
        fresh.AsSpan(9, 4).CopyTo(old.AsSpan(9, 4)); // yesterday's code given tomorrow's end: its tag no longer matches
        var forged = Convert.ToBase64String(old).Replace('+', '-').Replace('/', '_');
        Assert.Equal(CheckInTokenCheck.Invalid, tokens.Check(forged, s_now, out _));
    }
}
