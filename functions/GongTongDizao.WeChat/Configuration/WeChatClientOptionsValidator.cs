using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace GongTongDizao.WeChat;

/// <summary>
/// Start-up validation of <see cref="WeChatClientOptions"/>: a wrong AppID or a missing key otherwise only
/// shows up as an opaque errcode at the first login or push, long after deployment.
/// </summary>
public sealed partial class WeChatClientOptionsValidator : IValidateOptions<WeChatClientOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, WeChatClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (!AppIdPattern().IsMatch(options.AppId ?? string.Empty))
        {
            failures.Add("WeChat:AppId must be 'wx' followed by 16 lower-case hex digits.");
        }

        if (string.IsNullOrWhiteSpace(options.AppSecret))
        {
            failures.Add("WeChat:AppSecret is required (Key Vault secret wechat-app-secret).");
        }

        if (!TokenPattern().IsMatch(options.Token ?? string.Empty))
        {
            failures.Add("WeChat:Token (message push token) must be 3 to 32 letters or digits (Key Vault secret wechat-push-token).");
        }

        var hasKey = !string.IsNullOrEmpty(options.EncodingAesKey);
        if (options.PushMode == WeChatPushMode.Safe && !hasKey)
        {
            failures.Add("WeChat:EncodingAesKey is required when WeChat:PushMode is Safe (Key Vault secret wechat-encoding-aes-key).");
        }

        if (hasKey && !EncodingAesKeyPattern().IsMatch(options.EncodingAesKey!))
        {
            failures.Add("WeChat:EncodingAesKey must be 43 characters of base64 (letters and digits).");
        }

        if (options.BaseAddress is null || !options.BaseAddress.IsAbsoluteUri
            || (options.BaseAddress.Scheme != Uri.UriSchemeHttps && options.BaseAddress.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add("WeChat:BaseAddress must be an absolute http(s) URL.");
        }
        else if (options.BaseAddress.Scheme == Uri.UriSchemeHttp && !options.BaseAddress.IsLoopback)
        {
            // Plain HTTP is only acceptable towards a local simulator: the secret travels in the query string.
            failures.Add("WeChat:BaseAddress may use http only for a loopback simulator.");
        }

        foreach (var (backup, index) in (options.BackupAddresses ?? []).Select((b, i) => (b, i)))
        {
            if (backup is null || !backup.IsAbsoluteUri || (backup.Scheme != Uri.UriSchemeHttps && !(backup.Scheme == Uri.UriSchemeHttp && backup.IsLoopback)))
            {
                failures.Add($"WeChat:BackupAddresses:{index} must be an absolute https URL (http only for a loopback simulator).");
            }
            else if (backup == options.BaseAddress)
            {
                failures.Add($"WeChat:BackupAddresses:{index} repeats WeChat:BaseAddress; list the other hosts (e.g. https://api2.weixin.qq.com).");
            }
        }

        if (options.FailoverStickiness < TimeSpan.Zero)
        {
            failures.Add("WeChat:FailoverStickiness must not be negative.");
        }

        foreach (var (key, templateId) in options.Templates)
        {
            if (string.IsNullOrWhiteSpace(templateId))
            {
                failures.Add($"WeChat:Templates:{key} has no template id.");
            }
        }

        if (options.AttemptTimeout <= TimeSpan.Zero || options.TotalTimeout < options.AttemptTimeout)
        {
            failures.Add("WeChat:AttemptTimeout must be positive and not longer than WeChat:TotalTimeout.");
        }

        if (options.PushTimestampTolerance <= TimeSpan.Zero)
        {
            failures.Add("WeChat:PushTimestampTolerance must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^wx[0-9a-f]{16}$")]
    private static partial Regex AppIdPattern();

    [GeneratedRegex("^[A-Za-z0-9]{3,32}$")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("^[A-Za-z0-9+/]{43}$")]
    private static partial Regex EncodingAesKeyPattern();
}
