using System.Text.Json.Serialization;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>Which kinds of broadcast a person wants (opt-in; nothing without this document).</summary>
public sealed record PreferencesDocument
{
    [JsonPropertyName("id")]
    public string Id { get; init; } = NotificationKinds.PreferencesId;

    public required string UserId { get; init; }

    public string Kind { get; init; } = NotificationKinds.Preferences;

    public bool Youth { get; init; }

    public bool Women { get; init; }

    public bool All { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
}
