using GongTongDizao.Core.Features.Notifications;
using GongTongDizao.WeChat;

namespace GongTongDizao.Functions.Features.Notifications;

/// <summary>
/// WeChat's message-push URL. Anonymous because WeChat cannot send a key; the signature (and in safe mode the
/// encryption) authenticates it. Answers are text/plain, as WeChat expects.
/// </summary>
public sealed class WeChatPushFunctions(HandleWeChatPush push)
{
    private const long MaxBodyBytes = 1024 * 1024;

    [Function("WeChatPushVerify")]
    public IActionResult Verify(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "wechat/push")] HttpRequest req) =>
        Text(push.Verify(req.Query["signature"], req.Query["timestamp"], req.Query["nonce"], req.Query["echostr"]));

    [Function("WeChatPush")]
    public async Task<IActionResult> Receive(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "wechat/push")] HttpRequest req, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        if (req.ContentLength > MaxBodyBytes)
        {
            return Text(new PushAnswer(StatusCodes.Status413PayloadTooLarge, "too large"));
        }

        using var reader = new StreamReader(req.Body);
        var body = await reader.ReadToEndAsync(cancellationToken);
        return Text(await push.HandleAsync(WeChatPushRequest.FromQuery(k => req.Query[k], body), cancellationToken));
    }

    private static ContentResult Text(PushAnswer answer) => new() { StatusCode = answer.Status, Content = answer.Text, ContentType = "text/plain; charset=utf-8" };
}
