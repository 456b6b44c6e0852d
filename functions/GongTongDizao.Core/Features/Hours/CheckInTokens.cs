using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace GongTongDizao.Core.Features.Hours;

/// <summary>What a scanned check-in code says once its signature holds: which session (by its code) and until when.</summary>
public sealed record CheckInTicket(string CodeId, DateTimeOffset ValidUntil);

public enum CheckInTokenCheck
{
    Valid,
    Invalid,
    Expired,
}

/// <summary>
/// The check-in token a session's mini-program code carries in its scene (at most 32 visible characters): 24 bytes in
/// base64url = 32 characters: a version byte, the session's 8-byte code id, the end of validity (4 bytes, minutes since
/// 1970 UTC) and an 11-byte HMAC-SHA256 tag under a key of its own (derived from the data-protection key, as the page
/// tokens' is). A token altered, made up or past its end is refused before anything is read; the code id is itself an
/// HMAC of the activity and session, so a code of another session names another session, and the same session always
/// gets the same code (asking again makes no new one).
/// </summary>
public sealed class CheckInTokens(KeyMaterial keys)
{
    public const int SceneLength = 32;
    private const byte Version = 1;
    private const int CodeSize = 8;
    private const int TagSize = 11;
    private const int PayloadSize = 1 + CodeSize + 4;

    /// <summary>The session's code id (hex): the same for the same activity and session, unguessable without the key.</summary>
    public string CodeId(string activityId, string sessionId)
    {
        var mac = HMACSHA256.HashData(keys.CheckInCodeKey, Encoding.UTF8.GetBytes("code\n" + activityId + "\n" + sessionId));
        return Convert.ToHexStringLower(mac.AsSpan(0, CodeSize));
    }

    /// <summary>The scene for <paramref name="codeId"/> valid until <paramref name="validUntil"/> (rounded up to the minute).</summary>
    public string Issue(string codeId, DateTimeOffset validUntil)
    {
        var bytes = new byte[PayloadSize + TagSize];
        bytes[0] = Version;
        Convert.FromHexString(codeId).CopyTo(bytes.AsSpan(1, CodeSize));
        var minutes = (uint)Math.Ceiling(validUntil.ToUnixTimeSeconds() / 60.0);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(1 + CodeSize, 4), minutes);
        Tag(bytes.AsSpan(0, PayloadSize)).CopyTo(bytes.AsSpan(PayloadSize));
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>Opens a scanned scene: <see cref="CheckInTokenCheck.Valid"/> with its ticket, or why not.</summary>
    public CheckInTokenCheck Check(string? scene, DateTimeOffset now, out CheckInTicket? ticket)
    {
        ticket = null;
        if (scene is null || scene.Length != SceneLength || !Base64Url.IsValid(scene.AsSpan()))
        {
            return CheckInTokenCheck.Invalid;
        }

        var bytes = Base64Url.DecodeFromChars(scene.AsSpan());
        if (bytes.Length != PayloadSize + TagSize || bytes[0] != Version
            || !CryptographicOperations.FixedTimeEquals(Tag(bytes.AsSpan(0, PayloadSize)), bytes.AsSpan(PayloadSize)))
        {
            return CheckInTokenCheck.Invalid;
        }

        var validUntil = DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(1 + CodeSize, 4)) * 60L);
        ticket = new CheckInTicket(Convert.ToHexStringLower(bytes.AsSpan(1, CodeSize)), validUntil);
        return now > validUntil ? CheckInTokenCheck.Expired : CheckInTokenCheck.Valid;
    }

    private byte[] Tag(ReadOnlySpan<byte> payload) => HMACSHA256.HashData(keys.CheckInCodeKey, payload)[..TagSize];
}
