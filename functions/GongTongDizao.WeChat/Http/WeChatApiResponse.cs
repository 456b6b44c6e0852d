using System.Text.Json;

namespace GongTongDizao.WeChat;

/// <summary>A parsed WeChat answer: the JSON root with errcode/errmsg, or image bytes.</summary>
internal sealed class WeChatApiResponse
{
    private WeChatApiResponse(string api, JsonElement root, int errCode, string errMsg, ReadOnlyMemory<byte> binary, string? contentType)
    {
        Api = api;
        Root = root;
        ErrCode = errCode;
        ErrMsg = errMsg;
        Binary = binary;
        ContentType = contentType;
    }

    public string Api { get; }

    public JsonElement Root { get; }

    public int ErrCode { get; }

    public string ErrMsg { get; }

    public string? Rid => WeChatErrorCodes.ParseRid(ErrMsg);

    public ReadOnlyMemory<byte> Binary { get; }

    public string? ContentType { get; }

    public bool IsSuccess => ErrCode == WeChatErrorCodes.Ok;

    public static WeChatApiResponse FromJson(string api, JsonElement root) =>
        new(api, root, WeChatJson.GetErrCode(root), WeChatJson.GetString(root, "errmsg") ?? string.Empty, default, "application/json");

    public static WeChatApiResponse FromBinary(string api, ReadOnlyMemory<byte> bytes, string contentType) =>
        new(api, default, WeChatErrorCodes.Ok, "ok", bytes, contentType);

    public WeChatApiException ToException() => new(ErrCode, ErrMsg, Api);

    public WeChatApiResponse EnsureSuccess() => IsSuccess ? this : throw ToException();
}
