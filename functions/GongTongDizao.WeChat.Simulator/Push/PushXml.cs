using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace GongTongDizao.WeChat.Simulator;

/// <summary>Writes a push as WeChat's XML: strings in CDATA, numbers bare, lists as repeated elements.</summary>
internal static class PushXml
{
    private static readonly Dictionary<string, string> s_subscribeWrappers = new(StringComparer.Ordinal)
    {
        ["subscribe_msg_popup_event"] = "SubscribeMsgPopupEvent",
        ["subscribe_msg_change_event"] = "SubscribeMsgChangeEvent",
        ["subscribe_msg_sent_event"] = "SubscribeMsgSentEvent",
    };

    public static string Write(JsonObject message)
    {
        var root = new XElement("xml");
        var eventName = message["Event"]?.GetValue<string>();
        foreach (var (name, value) in message)
        {
            // XML pushes nest a subscribe event's List in an element named after the event; JSON ones do not.
            if (name == "List" && eventName is not null && s_subscribeWrappers.TryGetValue(eventName, out var wrapper))
            {
                var wrapperElement = new XElement(wrapper);
                AddElements(wrapperElement, name, value);
                root.Add(wrapperElement);
                continue;
            }

            AddElements(root, name, value);
        }

        return root.ToString(SaveOptions.DisableFormatting);
    }

    private static void AddElements(XElement parent, string name, JsonNode? value)
    {
        if (value is JsonArray array)
        {
            foreach (var item in array)
            {
                AddElements(parent, name, item);
            }

            return;
        }

        var element = new XElement(name);
        switch (value)
        {
            case JsonObject obj:
                foreach (var (childName, child) in obj)
                {
                    AddElements(element, childName, child);
                }

                break;
            case JsonValue leaf when leaf.GetValueKind() == JsonValueKind.String:
                element.Add(new XCData(leaf.GetValue<string>()));
                break;
            case JsonValue leaf:
                element.Add(leaf.ToJsonString());
                break;
        }

        parent.Add(element);
    }
}
