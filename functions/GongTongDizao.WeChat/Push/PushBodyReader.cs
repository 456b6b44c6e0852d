using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;

namespace GongTongDizao.WeChat;

/// <summary>
/// Reads a push body, JSON or XML, into one JSON shape so that one parser serves both formats. XML becomes
/// an object per element with children, a string per leaf and an array for repeated elements, which is why
/// the parser reads numbers tolerantly and accepts a single object where a list is expected.
/// </summary>
internal static class PushBodyReader
{
    private static readonly XmlReaderSettings s_safeXml = new()
    {
        // Pushes come from the internet: no DTDs (entity expansion) and no external resolution.
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = 1_000_000,
    };

    public static bool TryRead(string body, out WeChatPushFormat format, out JsonElement root)
    {
        format = WeChatPushFormat.Json;
        root = default;
        var trimmed = body.AsSpan().TrimStart();
        if (trimmed.IsEmpty)
        {
            return false;
        }

        try
        {
            if (trimmed[0] == '<')
            {
                format = WeChatPushFormat.Xml;
                using var reader = XmlReader.Create(new StringReader(body), s_safeXml);
                var element = XElement.Load(reader);
                root = JsonSerializer.SerializeToElement(ToNode(element) as JsonObject ?? [], WeChatPushJsonContext.Default.JsonObject);
                return true;
            }

            if (trimmed[0] == '{')
            {
                using var document = JsonDocument.Parse(body);
                root = document.RootElement.Clone();
                return root.ValueKind == JsonValueKind.Object;
            }
        }
        catch (Exception ex) when (ex is XmlException or JsonException)
        {
            return false;
        }

        return false;
    }

    private static JsonNode? ToNode(XElement element)
    {
        if (!element.HasElements)
        {
            return JsonValue.Create(element.Value);
        }

        var node = new JsonObject();
        foreach (var group in element.Elements().GroupBy(e => e.Name.LocalName, StringComparer.Ordinal))
        {
            var items = group.ToList();
            node[group.Key] = items.Count == 1 ? ToNode(items[0]) : new JsonArray(items.Select(ToNode).ToArray());
        }

        return node;
    }
}
