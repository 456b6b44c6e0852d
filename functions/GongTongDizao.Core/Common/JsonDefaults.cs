using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace GongTongDizao.Core.Common;

/// <summary>One set of JSON conventions for the API, the stores and the queues, so a document reads back as it was written.</summary>
public static class JsonDefaults
{
    /// <summary>Stored documents and queue messages: members the type does not know (Cosmos's _rid, _ts…) are skipped.</summary>
    public static JsonSerializerOptions Options { get; } = Create(JsonUnmappedMemberHandling.Skip);

    /// <summary>Request bodies: a member the API does not know is an error the caller should hear about, not data to drop.</summary>
    public static JsonSerializerOptions Api { get; } = Create(JsonUnmappedMemberHandling.Disallow);

    private static JsonSerializerOptions Create(JsonUnmappedMemberHandling unmapped)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // Chinese text stays readable in stored documents and responses instead of \uXXXX escapes.
            Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
            UnmappedMemberHandling = unmapped,
            NumberHandling = JsonNumberHandling.Strict,
            // null for a non-nullable member is refused while reading, named by its path, like any wrong type.
            RespectNullableAnnotations = true,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        if (unmapped == JsonUnmappedMemberHandling.Disallow)
        {
            // Request bodies: date-times as the contract declares them (RFC 3339, offset required, any offset).
            options.Converters.Add(new Rfc3339DateTimeOffsetConverter());
        }

        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
