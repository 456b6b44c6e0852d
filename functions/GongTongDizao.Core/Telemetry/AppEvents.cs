using System.Globalization;
using GongTongDizao.Core.Features.Letters;

namespace GongTongDizao.Core.Telemetry;

/// <summary>
/// The custom events of docs/deploy.md ("Telemetry the app must emit"): each method is one event, named after it, with
/// exactly the dimensions <c>infra/workbooks/admin.workbook.json</c> and <c>infra/modules/alerts.bicep</c> query.
/// Callers emit after the store write succeeded, once per real change.
/// </summary>
public sealed class AppEvents(IAppTelemetry telemetry)
{
    /// <summary>
    /// A letter's status changed; <paramref name="from"/> is null when the letter has just reached staff. Statuses and
    /// the category are the enum names (<c>Submitted</c>, <c>DailyLife</c>), which the workbook's parameters expect.
    /// </summary>
    public void LetterStatusChanged(string letterId, string communityId, LetterStatus? from, LetterStatus to, LetterCategory category) =>
        telemetry.TrackEvent(nameof(LetterStatusChanged), new Dictionary<string, string>
        {
            ["letterId"] = letterId,
            ["communityId"] = communityId,
            ["from"] = from?.ToString() ?? string.Empty,
            ["to"] = to.ToString(),
            ["category"] = category.ToString(),
        });

    /// <summary>The author rated the handling: resolved or not, satisfaction 1–5.</summary>
    public void LetterEvaluated(string letterId, string communityId, bool resolved, int satisfaction) =>
        telemetry.TrackEvent(nameof(LetterEvaluated), new Dictionary<string, string>
        {
            ["letterId"] = letterId,
            ["communityId"] = communityId,
            ["resolved"] = resolved ? "true" : "false",
            ["satisfaction"] = satisfaction.ToString(CultureInfo.InvariantCulture),
        });

    /// <summary>A deliberation meeting on the topic was recorded as held (its minutes were written).</summary>
    public void DeliberationHeld(string topicId, string communityId) =>
        telemetry.TrackEvent(nameof(DeliberationHeld), new Dictionary<string, string>
        {
            ["topicId"] = topicId,
            ["communityId"] = communityId,
        });

    /// <summary>The deed (实事) of a decided topic was closed as done (办成实事).</summary>
    public void DeedDone(string topicId, string communityId) =>
        telemetry.TrackEvent(nameof(DeedDone), new Dictionary<string, string>
        {
            ["topicId"] = topicId,
            ["communityId"] = communityId,
        });

    /// <summary>
    /// <paramref name="count"/> attempted WeChat subscribe-message deliveries reached the same end: <c>sent</c>,
    /// <c>skipped</c> or <c>failed</c>. A broadcast page reports its skipped recipients as one event, not one each: a
    /// million-resident broadcast would otherwise send 900,000 events to Application Insights (sampling never drops
    /// custom events here), so the workbook sums <c>count</c> instead of counting events.
    /// </summary>
    public void NotificationDelivery(string outcome, string templateKey, int count = 1) =>
        telemetry.TrackEvent(nameof(NotificationDelivery), new Dictionary<string, string>
        {
            ["outcome"] = outcome,
            ["templateKey"] = templateKey,
            ["count"] = count.ToString(CultureInfo.InvariantCulture),
        });

    /// <summary>A WeChat send failed with this errcode (or <c>timeout</c> / <c>network</c>); the alert counts these.</summary>
    public void WeChatSendFailed(string templateKey, string errCode) =>
        telemetry.TrackEvent(nameof(WeChatSendFailed), new Dictionary<string, string>
        {
            ["templateKey"] = templateKey,
            ["errCode"] = errCode,
        });
}
