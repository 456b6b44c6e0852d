using System.Text.Json.Serialization;

namespace GongTongDizao.Core.Features.Identity;

/// <summary>Staff roles, each bound to an org node and covering its subtree. Every user is also a resident.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Role>))]
public enum Role
{
    [JsonStringEnumMemberName("youthLeagueWorker")]
    YouthLeagueWorker,

    [JsonStringEnumMemberName("womensFederationWorker")]
    WomensFederationWorker,

    [JsonStringEnumMemberName("womenRepresentative")]
    WomenRepresentative,

    [JsonStringEnumMemberName("moderator")]
    Moderator,
}
