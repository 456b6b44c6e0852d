using System.Security.Cryptography;
using System.Text;

namespace GongTongDizao.WeChat.Simulator;

/// <summary>Deterministic and random openids shaped like real ones (28 characters starting with 'o').</summary>
internal static class OpenIds
{
    public static string For(string code) => "o" + Hash("openid:" + code)[..27];

    public static string UnionIdFor(string openId) => "u" + Hash("unionid:" + openId)[..27];

    public static string NewRandom() => "o" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(21)).Replace('+', '-').Replace('/', '_')[..27];

    private static string Hash(string value) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes("gongtongdizao-simulator:" + value))).Replace('+', '-').Replace('/', '_');
}
