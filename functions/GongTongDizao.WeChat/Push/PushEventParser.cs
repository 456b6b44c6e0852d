using System.Globalization;
using System.Text.Json;

namespace GongTongDizao.WeChat;

/// <summary>Maps a push (already as JSON) onto the typed events.</summary>
internal static class PushEventParser
{
    public static WeChatPushEvent Parse(JsonElement root)
    {
        var fromUser = WeChatJson.GetString(root, "FromUserName") ?? string.Empty;
        var createSeconds = WeChatJson.GetInt64(root, "CreateTime") ?? 0;
        var eventName = WeChatJson.GetString(root, "Event");
        var msgId = WeChatJson.GetString(root, "MsgId");

        WeChatPushEvent parsed = eventName switch
        {
            "wxa_media_check" => ParseMediaCheck(root),
            "subscribe_msg_popup_event" => new SubscribePopupEvent
            {
                Items = ListItems(root, "SubscribeMsgPopupEvent").Select(item => new SubscribePopupItem(
                    WeChatJson.GetString(item, "TemplateId") ?? string.Empty,
                    ParseStatus(WeChatJson.GetString(item, "SubscribeStatusString")),
                    WeChatJson.GetString(item, "SubscribeStatusString"),
                    WeChatJson.GetInt32(item, "PopupScene"))).ToArray(),
            },
            "subscribe_msg_change_event" => new SubscribeChangeEvent
            {
                Items = ListItems(root, "SubscribeMsgChangeEvent").Select(item => new SubscribeChangeItem(
                    WeChatJson.GetString(item, "TemplateId") ?? string.Empty,
                    ParseStatus(WeChatJson.GetString(item, "SubscribeStatusString")),
                    WeChatJson.GetString(item, "SubscribeStatusString"))).ToArray(),
            },
            "subscribe_msg_sent_event" => new SubscribeSentEvent
            {
                Items = ListItems(root, "SubscribeMsgSentEvent").Select(item => new SubscribeSentItem(
                    WeChatJson.GetString(item, "TemplateId") ?? string.Empty,
                    WeChatJson.GetString(item, "MsgID"),
                    WeChatJson.GetInt32(item, "ErrorCode") ?? 0,
                    WeChatJson.GetString(item, "ErrorStatus"))).ToArray(),
            },
            _ => new UnknownPushEvent
            {
                RawJson = root.GetRawText(),
            },
        };

        // The common fields are filled once here rather than in every branch above.
        return parsed with
        {
            ToUserName = WeChatJson.GetString(root, "ToUserName") ?? string.Empty,
            FromUserName = fromUser,
            CreateTime = DateTimeOffset.FromUnixTimeSeconds(createSeconds),
            MsgType = WeChatJson.GetString(root, "MsgType") ?? string.Empty,
            EventName = eventName,
            MsgId = string.IsNullOrEmpty(msgId) ? null : msgId,
            DedupeKey = DedupeKeyOf(parsed, msgId, fromUser, createSeconds, eventName),
        };
    }

    /// <summary>
    /// What identifies one push across WeChat's retries (doc "消息推送": a push not answered within 5 s is retried,
    /// 3 times):
    /// <list type="bullet">
    /// <item><c>wxa_media_check</c>: its <c>trace_id</c>. Its FromUserName is the platform's push account
    /// (doc "多媒体内容安全识别 mediaCheckAsync": FromUserName = 平台推送服务UserName), shared by every verdict, so
    /// FromUserName + CreateTime would merge the verdicts of all photos checked in the same second.</item>
    /// <item><c>subscribe_msg_sent_event</c>: the MsgID of each item (doc "发送订阅消息": one per sent message), so two
    /// sends to one person confirmed in the same second stay apart.</item>
    /// <item>Otherwise MsgId when the push has one; the FromUserName + CreateTime rule (the official-account rule for
    /// user messages and events) only for what is left, such as the user's own popup and change events.</item>
    /// </list>
    /// </summary>
    private static string DedupeKeyOf(WeChatPushEvent parsed, string? msgId, string fromUser, long createSeconds, string? eventName)
    {
        switch (parsed)
        {
            case MediaCheckEvent { TraceId.Length: > 0 } media:
                return "media:" + media.TraceId;
            case SubscribeSentEvent sent when sent.Items.Count > 0 && sent.Items.All(i => !string.IsNullOrEmpty(i.MsgId)):
                return "sent:" + string.Join(',', sent.Items.Select(i => i.MsgId).Order(StringComparer.Ordinal));
        }

        return !string.IsNullOrEmpty(msgId)
            ? "msg:" + msgId
            : string.Create(CultureInfo.InvariantCulture, $"evt:{fromUser}:{createSeconds}:{eventName}");
    }

    private static MediaCheckEvent ParseMediaCheck(JsonElement root)
    {
        var suggest = ContentSuggest.Review;
        var label = 0;
        if (WeChatJson.TryGet(root, "result", out var result) && result.ValueKind == JsonValueKind.Object)
        {
            suggest = ContentVerdicts.ParseSuggest(WeChatJson.GetString(result, "suggest"));
            label = WeChatJson.GetInt32(result, "label") ?? 0;
        }

        var details = WeChatJson.TryGet(root, "detail", out var detail)
            ? WeChatJson.ObjectOrArray(detail).Select(d => new MediaCheckDetail(
                WeChatJson.GetString(d, "strategy"),
                WeChatJson.GetInt32(d, "errcode") ?? 0,
                ContentVerdicts.ParseSuggest(WeChatJson.GetString(d, "suggest")),
                WeChatJson.GetInt32(d, "label") ?? 0,
                WeChatJson.GetInt32(d, "prob"))).ToArray()
            : [];

        return new MediaCheckEvent
        {
            TraceId = WeChatJson.GetString(root, "trace_id") ?? string.Empty,
            AppId = WeChatJson.GetString(root, "appid"),
            Version = WeChatJson.GetInt32(root, "version") ?? 0,
            ErrCode = WeChatJson.GetInt32(root, "errcode") ?? 0,
            ErrMsg = WeChatJson.GetString(root, "errmsg"),
            Suggest = suggest,
            Label = label,
            Details = details,
        };
    }

    /// <summary>
    /// The items of a subscribe event: JSON pushes carry <c>List</c> at the top (one object or an array),
    /// XML pushes nest it in <c>SubscribeMsgPopupEvent</c> and friends.
    /// </summary>
    private static IEnumerable<JsonElement> ListItems(JsonElement root, string wrapper)
    {
        if (WeChatJson.TryGet(root, "List", out var list))
        {
            return WeChatJson.ObjectOrArray(list);
        }

        if (WeChatJson.TryGet(root, wrapper, out var wrapped))
        {
            return WeChatJson.TryGet(wrapped, "List", out var inner)
                ? WeChatJson.ObjectOrArray(inner)
                : WeChatJson.ObjectOrArray(wrapped);
        }

        return [];
    }

    private static SubscribeStatus ParseStatus(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        "ACCEPT" => SubscribeStatus.Accept,
        "REJECT" => SubscribeStatus.Reject,
        _ => SubscribeStatus.Unknown,
    };
}
