using System.Text.Json.Serialization;

namespace GongTongDizao.WeChat;

/// <summary>Source-generated serialisation of the request bodies, in WeChat's snake_case.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StableTokenRequest))]
[JsonSerializable(typeof(SubscribeSendRequest))]
[JsonSerializable(typeof(MsgSecCheckRequest))]
[JsonSerializable(typeof(MediaCheckAsyncRequest))]
[JsonSerializable(typeof(PhoneNumberRequest))]
[JsonSerializable(typeof(UnlimitedQrCodeBody))]
internal sealed partial class WeChatJsonContext : JsonSerializerContext;
