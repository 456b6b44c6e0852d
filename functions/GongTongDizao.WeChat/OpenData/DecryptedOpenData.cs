using System.Text.Json;

namespace GongTongDizao.WeChat;

/// <summary>Decrypted <c>encryptedData</c> whose watermark has been checked.</summary>
public sealed record DecryptedOpenData(JsonElement Data, string WatermarkAppId, DateTimeOffset? WatermarkTimestamp)
{
    /// <summary>Maps the JSON onto <typeparamref name="T"/>.</summary>
    public T? Deserialize<T>(JsonSerializerOptions? options = null) => Data.Deserialize<T>(options ?? JsonSerializerOptions.Web);

    // The data is personal (phone numbers, nicknames): keep it out of logs that format this record.
    public override string ToString() => $"DecryptedOpenData {{ WatermarkAppId = {WatermarkAppId} }}";
}
