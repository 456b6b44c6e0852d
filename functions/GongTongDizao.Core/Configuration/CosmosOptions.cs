using System.ComponentModel.DataAnnotations;

namespace GongTongDizao.Core.Configuration;

public sealed class CosmosOptions
{
    public const string SectionName = "Cosmos";

    [Required]
    public Uri? Endpoint { get; set; }

    [Required]
    public string DatabaseName { get; set; } = StoreNames.Database;

    /// <summary>The emulator's account key. In Azure local auth is disabled and the managed identity is used.</summary>
    [LocalDevelopmentOnly]
    public string? Key { get; set; }

    internal bool IsLoopback => Endpoint is { IsLoopback: true };
}
