using GongTongDizao.Core.Features.Activities;
using GongTongDizao.Core.Timers;
using GongTongDizao.WeChat;
using Microsoft.Extensions.Options;

namespace GongTongDizao.Core.Features.Hours;

/// <summary>A session's check-in code as the organiser shows it: the image, its scene, and when it opens and stops working.</summary>
public sealed record CheckInCodeView(string ActivityId, string SessionId, string Scene, string Image, string ContentType, DateTimeOffset OpensAt, DateTimeOffset ValidUntil);

/// <summary>
/// Issues a session's check-in scene: valid until the session's end plus <see cref="HoursOptions.CheckOutGrace"/>,
/// remembered (which session the code names) until then, and the closing of forgotten check-outs scheduled for that
/// moment (nobody can have checked in to a session whose code was never shown, so this is the one place to schedule it).
/// </summary>
public sealed class CheckInCodes(CheckInTokens tokens, HoursLedger ledger, TimerQueue timers, IOptions<HoursOptions> options, TimeProvider time)
{
    public async Task<Result<(string Scene, DateTimeOffset OpensAt, DateTimeOffset ValidUntil)>> IssueAsync(Activity activity, ActivitySession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(session);
        var now = time.GetUtcNow();
        var validUntil = session.EndsAt + options.Value.CheckOutGrace;
        if (now > validUntil || activity.Status == ActivityStatus.Cancelled)
        {
            return Error.InvalidState("本场活动已结束，不能再生成签到码");
        }

        var codeId = tokens.CodeId(activity.Id, session.Id);
        var scene = tokens.Issue(codeId, validUntil);
        await ledger.SaveCodeAsync(codeId, activity.Id, session.Id, validUntil, now, cancellationToken);
        await timers.ScheduleAsync(new TimerMessage(CheckOutCloser.Kind, activity.Id, session.Id, validUntil), cancellationToken);
        return (scene, session.StartsAt - options.Value.CheckInOpensBefore, validUntil);
    }
}

/// <summary>
/// The organiser's check-in code for one session (getwxacodeunlimit, opening the check-in page with the signed scene).
/// Asking again gives the same session code with the same end, so a code printed early still works.
/// </summary>
public sealed class GetCheckInCode(HoursActivities activities, CheckInCodes codes, WeChatClient wechat)
{
    /// <summary>The mini-program page that reads <c>options.scene</c> and checks in or out.</summary>
    public const string CheckInPage = "pages/checkin/index";

    public async Task<Result<CheckInCodeView>> HandleAsync(Caller caller, string activityId, string sessionId, CancellationToken cancellationToken)
    {
        var managed = await activities.ManagedAsync(caller, activityId, cancellationToken);
        if (!managed.IsSuccess)
        {
            return managed.Error;
        }

        if (managed.Value.Session(sessionId) is not { } session)
        {
            return Error.NotFound();
        }

        var issued = await codes.IssueAsync(managed.Value, session, cancellationToken);
        if (!issued.IsSuccess)
        {
            return issued.Error;
        }

        var (scene, opensAt, validUntil) = issued.Value;
        QrCodeImage image;
        try
        {
            image = await wechat.GetUnlimitedQrCodeAsync(new UnlimitedQrCodeRequest(scene) { Page = CheckInPage, CheckPath = false }, cancellationToken);
        }
        catch (Exception ex) when (WeChatUnavailable.Is(ex, cancellationToken))
        {
            return Error.From(ErrorCodes.WeChatUnavailable);
        }

        return new CheckInCodeView(activityId, session.Id, scene, Convert.ToBase64String(image.Content.Span), image.ContentType, opensAt, validUntil);
    }
}
