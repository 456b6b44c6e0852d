using System.Security.Cryptography;
using System.Text;
using GongTongDizao.DevHost.Functions;

namespace GongTongDizao.DevHost.Http;

/// <summary>
/// The key check Azure applies before a function runs: Anonymous needs nothing, Function takes a function key or
/// the master key, Admin and System take the master key only; the key comes from <c>x-functions-key</c> or <c>?code=</c>.
/// </summary>
public sealed class FunctionKeyAuthorizer(string functionKey, string masterKey)
{
    public const string HeaderName = "x-functions-key";

    public bool IsAuthorized(AuthLevel level, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (level is AuthLevel.Anonymous or AuthLevel.User)
        {
            return true;
        }

        var presented = request.Headers[HeaderName].FirstOrDefault() ?? request.Query["code"].FirstOrDefault();
        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }

        return FixedTimeEquals(presented, masterKey) || (level == AuthLevel.Function && FixedTimeEquals(presented, functionKey));
    }

    private static bool FixedTimeEquals(string presented, string expected) =>
        expected.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));
}
