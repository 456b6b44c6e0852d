using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace GongTongDizao.WeChat;

/// <summary>Source-generated serialisation for push envelopes and converted XML.</summary>
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class WeChatPushJsonContext : JsonSerializerContext;
