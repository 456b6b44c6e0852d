namespace GongTongDizao.Core.Configuration;

/// <summary>The user-assigned managed identity that every Azure client of the app signs in with.</summary>
public sealed class ManagedIdentityOptions
{
    public const string SectionName = "ManagedIdentity";

    public string? ClientId { get; set; }
}
