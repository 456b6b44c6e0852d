using System.ComponentModel.DataAnnotations;

namespace GongTongDizao.Core.Auth;

public sealed class AuthOptions : IValidatableObject
{
    public const string SectionName = "Auth";

    [Required]
    public string Issuer { get; set; } = "https://localhost:7071";

    [Required]
    public string Audience { get; set; } = "gongtongdizao-miniprogram";

    /// <summary>Base64 of at least 32 random bytes (Key Vault secret token-signing-key).</summary>
    [Required]
    public string SigningKey { get; set; } = string.Empty;

    /// <summary>Base64 of at least 32 random bytes (Key Vault secret data-protection-key): encrypts session keys and phone numbers, derives user ids.</summary>
    [Required]
    public string DataProtectionKey { get; set; } = string.Empty;

    [Range(typeof(TimeSpan), "00:05:00", "1.00:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(2);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, value) in new[] { (nameof(SigningKey), SigningKey), (nameof(DataProtectionKey), DataProtectionKey) })
        {
            if (!Convert.TryFromBase64String(value, new byte[value.Length], out var length) || length < 32)
            {
                yield return new ValidationResult($"Auth:{name} must be base64 of at least 32 random bytes.", [name]);
            }
        }
    }
}
