using GongTongDizao.Core.Features.Attachments;
using GongTongDizao.WeChat;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>What the push endpoint answers: a status and a short text body (WeChat expects text, not JSON).</summary>
public sealed record PushAnswer(int Status, string Text)
{
    public static PushAnswer Success { get; } = new(StatusCodes.Status200OK, "success");
}

/// <summary>
/// The WeChat message-push endpoint: GET verification, and POSTed events checked by signature and timestamp (safe
/// mode: decrypted and AppID-checked by <see cref="WeChatPushCodec"/>), deduplicated (WeChat retries 3 times) and
/// handled inline because each is a few point writes: subscription events go to <see cref="SubscriptionPushes"/>
/// (quotas and sent reports), media-check verdicts to the Attachments feature.
/// </summary>
public sealed partial class HandleWeChatPush(
    WeChatPushCodec codec,
    PushReceipts receipts,
    SubscriptionPushes subscriptions,
    IEnumerable<IMediaCheckVerdictHandler> mediaCheckHandlers,
    ILogger<HandleWeChatPush> logger)
{

    public PushAnswer Verify(string? signature, string? timestamp, string? nonce, string? echostr) =>
        codec.VerifyEndpoint(signature, timestamp, nonce, echostr) is { } echo ? new PushAnswer(StatusCodes.Status200OK, echo) : new PushAnswer(StatusCodes.Status401Unauthorized, "invalid signature");

    public async Task<PushAnswer> HandleAsync(WeChatPushRequest request, CancellationToken cancellationToken)
    {
        var read = codec.Read(request);
        if (!read.IsAccepted)
        {
            return read.Status switch
            {
                WeChatPushStatus.MissingParameters or WeChatPushStatus.MalformedBody => new PushAnswer(StatusCodes.Status400BadRequest, "bad request"),
                WeChatPushStatus.EncryptionNotConfigured => new PushAnswer(StatusCodes.Status500InternalServerError, "not configured"),
                _ => new PushAnswer(StatusCodes.Status401Unauthorized, "invalid signature"),
            };
        }

        var pushEvent = read.Event!;
        if (!await receipts.TryRecordAsync(pushEvent.DedupeKey, cancellationToken))
        {
            return PushAnswer.Success;
        }

        try
        {
            await DispatchAsync(pushEvent, cancellationToken);
        }
        catch
        {
            // Let WeChat's retry do it again.
            await receipts.ForgetAsync(pushEvent.DedupeKey, CancellationToken.None);
            throw;
        }

        return PushAnswer.Success;
    }

    private async Task DispatchAsync(WeChatPushEvent pushEvent, CancellationToken cancellationToken)
    {
        switch (pushEvent)
        {
            case MediaCheckEvent verdict:
                foreach (var handler in mediaCheckHandlers)
                {
                    await handler.HandleAsync(verdict, cancellationToken);
                }

                break;
            case SubscribePopupEvent popup:
                await subscriptions.HandlePopupAsync(popup, cancellationToken);
                break;
            case SubscribeChangeEvent change:
                await subscriptions.HandleChangeAsync(change, cancellationToken);
                break;
            case SubscribeSentEvent sent:
                await subscriptions.HandleSentAsync(sent, cancellationToken);
                break;
            default:
                LogIgnored(logger, pushEvent.EventName ?? pushEvent.MsgType);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "WeChat push {EventName} needs nothing from us")]
    private static partial void LogIgnored(ILogger logger, string? eventName);
}
