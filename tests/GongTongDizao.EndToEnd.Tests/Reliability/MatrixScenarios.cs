using System.Globalization;
using static GongTongDizao.EndToEnd.Tests.Reliability.MatrixRules;

namespace GongTongDizao.EndToEnd.Tests.Reliability;

/// <summary>Where a cell calls: the path (with query) and the smallest valid body for the caller, if any.</summary>
public sealed record Target(string Path, Func<Person?, object?>? Body = null);

/// <summary>
/// One route of the matrix: the rule that governs it, the item it is called on, and whether a call that succeeds uses
/// the item up (then every successful cell gets a new one; refusals share one and run first).
/// </summary>
public sealed record Scenario(string Method, string Template, Rule Rule, Func<MatrixWorld, Task<Target>> Arrange, Family Family = Family.Youth, bool UsesUp = false, bool FreshCallers = false)
{
    public string Key => $"{Method} {Template}";

    /// <summary>For a row of <see cref="MatrixScenarios.HeldAndRejected"/>: the kind of item the route is called on.</summary>
    public string? Item { get; init; }
}

/// <summary>Every route the build serves, each with an item that exists and a body that passes validation.</summary>
public static class MatrixScenarios
{
    private const string C1 = MatrixWorld.Community;

    public static IReadOnlyList<Scenario> All { get; } =
    [
        // No people: open, WeChat's, administrators'.
        new("GET", "/health", Open, _ => At("api/health")),
        new("POST", "/auth/login", Open, _ => At("api/auth/login", _ => new { code = $"dev-{Guid.NewGuid():N}" })),
        new("GET", "/wechat/push", WeChatOnly, w => At($"api/wechat/push?signature=forged&timestamp={Seconds(w.Now)}&nonce=42&echostr=hello")),
        new("POST", "/wechat/push", WeChatOnly, w => At($"api/wechat/push?signature=forged&timestamp={Seconds(w.Now)}&nonce=42&encrypt_type=aes&msg_signature=forged", _ => new { ToUserName = "gh_matrix", Encrypt = "Zm9yZ2Vk" })),
        new("POST", "/manage/orgs/import", AdminOnly, _ => At("api/manage/orgs/import", _ => new { orgs = new[] { new { id = "420106001001001002", name = "2栋", level = "building", parentId = "420106001001001" } } })),
        new("GET", "/manage/orgs/{id}/staff", AdminOnly, _ => At($"api/manage/orgs/{C1}/staff")),
        new("POST", "/manage/users/{userId}/roles", AdminOnly, w => At($"api/manage/users/{w.Bystander.Id}/roles", _ => new { role = "moderator", orgId = "420106008002" })),
        new("DELETE", "/manage/users/{userId}/roles/{role}/{orgId}", AdminOnly, w => At($"api/manage/users/{w.Bystander.Id}/roles/moderator/420106008002")),
        new("GET", "/manage/order-categories", AdminOnly, _ => At("api/manage/order-categories")),
        // Retired, so the probe never reaches an order form; every admin cell sets the same state.
        new("PUT", "/manage/order-categories/{code}", AdminOnly, _ => At("api/manage/order-categories/matrix_probe", _ => new { name = "矩阵探测", active = false })),

        // One's own account.
        new("GET", "/me", SignedIn, _ => At("api/me")),
        new("PUT", "/me", SignedIn, _ => At("api/me", p => new { displayName = p?.Name ?? "居民", homeCommunityId = p?.Home ?? C1 })),
        new("DELETE", "/me", SignedIn, _ => At("api/me"), FreshCallers: true),
        new("POST", "/me/phone", SignedIn, w => At("api/me/phone", _ => new { code = w.PhoneCode() })),
        new("POST", "/me/privacy-consent", SignedIn, _ => At("api/me/privacy-consent", _ => new { version = "2026-11" })),
        new("GET", "/me/export", SignedIn, _ => At("api/me/export")),
        new("GET", "/me/notifications", SignedIn, _ => At("api/me/notifications")),
        new("POST", "/me/notifications/read", SignedIn, _ => At("api/me/notifications/read", _ => new { all = true })),
        new("GET", "/me/subscriptions", SignedIn, _ => At("api/me/subscriptions")),
        new("POST", "/me/subscriptions", SignedIn, _ => At("api/me/subscriptions", _ => new { results = new Dictionary<string, string> { ["letterReplied"] = "accept" } })),
        new("GET", "/me/preferences", SignedIn, _ => At("api/me/preferences")),
        new("PUT", "/me/preferences", SignedIn, _ => At("api/me/preferences", _ => new { youth = false, women = false, all = false })),
        new("POST", "/uploads", SignedIn, _ => At("api/uploads", _ => new { purpose = "letter", contentType = "image/jpeg", size = 1024 })),

        // The org tree is public to everyone signed in.
        new("GET", "/orgs/search", SignedIn, _ => At("api/orgs/search?q=" + Uri.EscapeDataString("昙华林"))),
        new("GET", "/orgs/{id}", SignedIn, _ => At($"api/orgs/{C1}")),
        new("GET", "/orgs/{id}/children", SignedIn, _ => At($"api/orgs/{MatrixWorld.Street}/children")),

        // Letters (青年信箱).
        new("GET", "/letters/categories", SignedIn, _ => At("api/letters/categories")),
        new("POST", "/letters", SignedIn, _ => At("api/letters", _ => new { category = "other", title = "咨询", content = "请问社区活动室几点开放？" })),
        new("GET", "/letters/mine", SignedIn, _ => At("api/letters/mine")),
        new("GET", "/letters/{id}", LetterRead, async w => To($"api/letters/{await w.LetterAsync()}")),
        new("POST", "/letters/{id}/withdraw", LetterAuthor, async w => To($"api/letters/{await w.LetterAsync()}/withdraw"), UsesUp: true),
        new("POST", "/letters/{id}/evaluation", LetterAuthor, async w => To($"api/letters/{await w.RepliedLetterAsync()}/evaluation", _ => new { resolved = true, satisfaction = 5 }), UsesUp: true),
        new("POST", "/letters/{id}/accept", LetterStaff, async w => To($"api/letters/{await w.LetterAsync()}/accept"), UsesUp: true),
        new("POST", "/letters/{id}/assign", LetterStaff, async w => To($"api/letters/{await w.AcceptedLetterAsync()}/assign", _ => new { staffUserId = w.YouthIn.Id, dueAt = w.Now.AddDays(3) }), UsesUp: true),
        new("POST", "/letters/{id}/reply", LetterStaff, async w => To($"api/letters/{await w.AcceptedLetterAsync()}/reply", _ => new { content = "您好，已为您联系社区。" }), UsesUp: true),
        new("POST", "/letters/{id}/transfer", LetterStaff, async w => To($"api/letters/{await w.LetterAsync()}/transfer", _ => new { orgId = MatrixWorld.Street, reason = "需街道团工委协调" }), UsesUp: true),
        new("POST", "/letters/{id}/duplicate", LetterStaff, async w => To($"api/letters/{await w.LetterAsync()}/duplicate", _ => new { ofLetterId = w.FirstLetter }), UsesUp: true),
        new("POST", "/letters/{id}/approve", HeldLetter, async w => To($"api/letters/{await w.HeldLetterAsync()}/approve"), UsesUp: true),
        new("POST", "/letters/{id}/reject", HeldLetter, async w => To($"api/letters/{await w.HeldLetterAsync()}/reject", _ => new { reason = "内容不符合规范" }), UsesUp: true),
        new("GET", "/staff/letters", StaffLetterScope, _ => At($"api/staff/letters?orgId={C1}")),
        new("GET", "/staff/letters/stats", StaffLetterScope, _ => At($"api/staff/letters/stats?orgId={C1}")),
        new("POST", "/staff/broadcasts", BroadcastSend, _ => At("api/staff/broadcasts", _ => new { orgId = C1, audience = "youth", title = "青年招聘会", body = "本月底社区举办青年招聘会。" })),
        new("GET", "/staff/broadcasts/{id}", BroadcastRead, async w => To($"api/staff/broadcasts/{await w.BroadcastAsync()}")),

        // Topics (妇女议事): public once published, acted on by role.
        new("POST", "/topics", TopicCreate, _ => At("api/topics", _ => new { communityId = C1, title = "增设休息座椅", description = "小区步道很长，建议增设几处休息座椅。" }), Family.Deliberation),
        new("GET", "/communities/{id}/topics", SignedIn, _ => At($"api/communities/{C1}/topics"), Family.Deliberation),
        new("GET", "/staff/topics", StaffTopicScope, _ => At($"api/staff/topics?orgId={C1}&needsAction=true"), Family.Deliberation),
        new("GET", "/topics/{id}", SignedIn, async w => To($"api/topics/{await w.TopicAsync()}"), Family.Deliberation),
        new("POST", "/topics/{id}/withdraw", TopicAuthor, async w => To($"api/topics/{await w.TopicAsync()}/withdraw"), Family.Deliberation, UsesUp: true),
        new("POST", "/topics/{id}/second", TopicResident, async w => To($"api/topics/{await w.TopicAsync()}/second"), Family.Deliberation),
        new("DELETE", "/topics/{id}/second", TopicResident, async w => To($"api/topics/{await w.DeliberatingTopicAsync()}/second"), Family.Deliberation),
        new("POST", "/topics/{id}/merge", TopicStaff, async w => To($"api/topics/{await w.TopicAsync()}/merge", _ => new { intoTopicId = w.FirstTopic }), Family.Deliberation, UsesUp: true),
        new("GET", "/topics/{id}/comments", SignedIn, async w => To($"api/topics/{await w.TopicAsync()}/comments"), Family.Deliberation),
        new("POST", "/topics/{id}/comments", TopicComment, async w => To($"api/topics/{await w.TopicAsync()}/comments", _ => new { stance = "neutral", content = "可以再听听大家的意见。" }), Family.Deliberation),
        new("POST", "/comments/{id}/report", CommentReport, async w => To($"api/comments/{await w.CommentAsync(await w.TopicAsync())}/report"), Family.Deliberation),
        new("POST", "/topics/{id}/meetings", TopicStaff, async w => To($"api/topics/{await w.DeliberatingTopicAsync()}/meetings", _ => new { startsAt = w.Now.AddDays(2), place = "社区议事厅", agenda = "讨论扶手安装", capacity = 20 }), Family.Deliberation),
        new("POST", "/topics/{id}/meetings/{meetingId}/registration", TopicResident, async w => Meeting(await w.MeetingAsync(TimeSpan.FromDays(1)), "registration"), Family.Deliberation),
        new("GET", "/topics/{id}/meetings/{meetingId}/registrations", TopicStaff, async w => Meeting(await w.MeetingAsync(TimeSpan.FromDays(1)), "registrations"), Family.Deliberation),
        new("DELETE", "/topics/{id}/meetings/{meetingId}/registration", TopicResident, async w => Meeting(await w.MeetingAsync(TimeSpan.FromDays(1)), "registration"), Family.Deliberation),
        new("POST", "/topics/{id}/meetings/{meetingId}/minutes", TopicStaff, async w => Meeting(await w.StartedMeetingAsync(), "minutes", new { attendees = 9, summary = "居民同意加装扶手。" }), Family.Deliberation, UsesUp: true),
        new("POST", "/topics/{id}/decision", TopicStaff, async w => To($"api/topics/{await w.HeldMeetingTopicAsync()}/decision", _ => new { outcome = "accepted", votesFor = 5, votesAgainst = 0, abstentions = 0 }), Family.Deliberation, UsesUp: true),
        new("PUT", "/topics/{id}/deed", TopicStaff, async w => To($"api/topics/{await w.DeliveringTopicAsync()}/deed", _ => new { owner = "社区居委会" }), Family.Deliberation),
        new("POST", "/topics/{id}/progress", TopicStaff, async w => To($"api/topics/{await w.DeliveringTopicAsync()}/progress", _ => new { text = "已采购扶手", percent = 50 }), Family.Deliberation),
        new("POST", "/topics/{id}/evaluations", TopicResident, async w => To($"api/topics/{await w.EvaluatingTopicAsync()}/evaluations", _ => new { rating = 5 }), Family.Deliberation),
        new("POST", "/topics/{id}/complete", TopicStaff, async w => To($"api/topics/{await w.EvaluatingTopicAsync()}/complete"), Family.Deliberation, UsesUp: true),
        new("POST", "/topics/{id}/send-back", TopicStaff, async w => To($"api/topics/{await w.EvaluatingTopicAsync()}/send-back", _ => new { reason = "扶手还没装牢" }), Family.Deliberation, UsesUp: true),
        new("GET", "/stats/deliberation", SignedIn, _ => At($"api/stats/deliberation?orgId={C1}"), Family.Deliberation),
        new("GET", "/stats/showcase", SignedIn, _ => At($"api/stats/showcase?orgId={MatrixWorld.Street}"), Family.Deliberation),

        // 青年点单 (orders, teams, volunteer profiles).
        new("GET", "/orders/categories", SignedIn, _ => At("api/orders/categories"), Family.Orders),
        new("POST", "/orders", SignedIn, w => At("api/orders", w.OrderForm), Family.Orders),
        new("GET", "/orders/mine", SignedIn, _ => At("api/orders/mine"), Family.Orders),
        new("GET", "/orders/{id}", OrderRead, async w => To($"api/orders/{await w.DispatchedOrderAsync()}"), Family.Orders),
        new("POST", "/orders/{id}/cancel", OrderRequester, async w => To($"api/orders/{await w.ApprovedOrderAsync()}/cancel"), Family.Orders, UsesUp: true),
        new("POST", "/orders/{id}/rating", OrderRate, async w => To($"api/orders/{await w.DeliveredOrderAsync()}/rating", _ => new { stars = 5 }), Family.Orders, UsesUp: true),
        new("POST", "/orders/{id}/approve", OrderOffice, async w => To($"api/orders/{await w.OrderAsync()}/approve"), Family.Orders, UsesUp: true),
        new("POST", "/orders/{id}/reject", OrderOffice, async w => To($"api/orders/{await w.OrderAsync()}/reject", _ => new { reason = "请联系物业办理" }), Family.Orders, UsesUp: true),
        new("POST", "/orders/{id}/dispatch", OrderOffice, async w => To($"api/orders/{await w.ApprovedOrderAsync()}/dispatch", _ => new { teamId = w.Team }), Family.Orders, UsesUp: true),
        new("POST", "/orders/{id}/pool", OrderOffice, async w => To($"api/orders/{await w.ApprovedOrderAsync()}/pool"), Family.Orders, UsesUp: true),
        new("POST", "/orders/{id}/close", OrderOfficeServed, async w => To($"api/orders/{await w.ReopenedOrderAsync()}/close", _ => new { note = "已回访" }), Family.Orders, UsesUp: true),
        new("POST", "/orders/{id}/take", OrderTake, async w => To($"api/orders/{await w.PooledOrderAsync()}/take", _ => new { teamId = w.Team, volunteerIds = new[] { w.TeamLeader.Id } }), Family.Orders, UsesUp: true),
        new("POST", "/orders/{id}/deliver", OrderServe, async w => To($"api/orders/{await w.TakenOrderAsync()}/deliver", _ => new { note = "服务已完成" }), Family.Orders, UsesUp: true),
        new("GET", "/staff/orders", OrderStaffScope, _ => At($"api/staff/orders?orgId={C1}"), Family.Orders),
        new("POST", "/staff/orders", OrderStaffScope, w => At("api/staff/orders", p => new { onBehalfOf = "李奶奶", category = "elder_care", title = "帮老人买菜", details = "腿脚不便。", place = new { orgId = C1, address = "5 栋" }, wantedFrom = w.Now.AddHours(2), wantedTo = w.Now.AddDays(2), contact = new { name = "李奶奶", phone = "13800000001" } }), Family.Orders),
        new("GET", "/staff/orders/stats", OrderStaffScope, _ => At($"api/staff/orders/stats?orgId={C1}"), Family.Orders),
        new("POST", "/staff/teams", OrderStaffScope, w => At("api/staff/teams", _ => new { name = "新建服务队", kind = "youth_club", orgId = MatrixWorld.Street, leaderIds = new[] { w.TeamLeader.Id } }), Family.Orders),
        new("GET", "/teams", SignedIn, _ => At($"api/teams?orgId={C1}"), Family.Orders),
        new("GET", "/teams/{id}", SignedIn, w => At($"api/teams/{w.Team}"), Family.Orders),
        new("POST", "/teams/{id}/join-requests", TeamJoin, async w => To($"api/teams/{await w.FreshTeamAsync()}/join-requests", _ => new { }), Family.Orders, UsesUp: true),
        new("POST", "/teams/{id}/join-requests/{userId}/approve", TeamLeader, async w => To($"api/teams/{w.Team}/join-requests/{await w.JoinRequestAsync()}/approve"), Family.Orders, UsesUp: true),
        new("POST", "/teams/{id}/join-requests/{userId}/decline", TeamLeader, async w => To($"api/teams/{w.Team}/join-requests/{await w.JoinRequestAsync()}/decline"), Family.Orders, UsesUp: true),
        new("GET", "/teams/{id}/orders", TeamMembers, w => At($"api/teams/{w.Team}/orders"), Family.Orders),
        new("GET", "/me/volunteer", SignedIn, _ => At("api/me/volunteer"), Family.Orders),
        new("PUT", "/me/volunteer", SignedIn, _ => At("api/me/volunteer", p => new { realName = p?.Name ?? "居民", birthYear = 1995 }), Family.Orders),

        // Activities (issue 25): public to everyone signed in; organised by a team's leaders or staff in scope; a sign-up is its owner's.
        new("POST", "/activities", ActivityOrganiser, w => At("api/activities", p => w.ActivityForm(p?.Id == w.TeamLeader.Id ? w.Team : null)), Family.Orders),
        new("GET", "/activities", SignedIn, _ => At($"api/activities?orgId={C1}&upcoming=true"), Family.Orders),
        new("GET", "/activities/{id}", SignedIn, async w => To($"api/activities/{await w.ActivityAsync()}"), Family.Orders),
        new("POST", "/activities/{id}/signups", SignedIn, async w => To($"api/activities/{await w.ActivityAsync()}/signups", _ => new { sessionId = "s1", role = "participant" }), Family.Orders),
        new("GET", "/activities/{id}/signups", ActivityOrganiser, async w => To($"api/activities/{await w.ActivityAsync()}/signups"), Family.Orders),
        new("POST", "/activities/{id}/signups/{signUpId}/cancel", SignUpOwner, async w => SignUp(await w.SignUpAsync(), "cancel"), Family.Orders, UsesUp: true),
        new("POST", "/activities/{id}/signups/{signUpId}/accept", SignUpOwner, async w => SignUp(await w.OfferedSignUpAsync(), "accept"), Family.Orders, UsesUp: true),
        new("GET", "/staff/activities/stats", OrderStaffScope, _ => At($"api/staff/activities/stats?orgId={C1}"), Family.Orders),
        // Cancelling the whole activity: its organisers only; each allowed cell cancels an activity of its own.
        new("POST", "/activities/{id}/cancel", ActivityOrganiser, async w => To($"api/activities/{await w.ActivityAsync()}/cancel", _ => new { reason = "因天气原因取消" }), Family.Orders, UsesUp: true),
        new("POST", "/activities/{id}/signups/{signUpId}/decision", ActivityOrganiser, async w => SignUp(await w.SignUpAsync(needsApproval: true), "decision", new { approve = true }), Family.Orders, UsesUp: true),
        // Volunteer hours (check-in, the ledger, corrections, 补录, numbers).
        new("POST", "/checkins", HoursCheckIn, async w => { var (_, code) = await w.HoursSessionAsync(); return To("api/checkins", _ => new { code, action = "in" }); }, Family.Orders),
        new("GET", "/me/hours", SignedIn, _ => At("api/me/hours"), Family.Orders),
        new("GET", "/me/hours/certificate", SignedIn, _ => At("api/me/hours/certificate"), Family.Orders),
        new("POST", "/me/hours/{id}/corrections", HoursOwn, async w => To($"api/me/hours/{(await w.OfflineHoursAsync()).Record}/corrections", _ => new { minutes = 90, reason = "实际服务一个半小时" }), Family.Orders, UsesUp: true),
        new("GET", "/activities/{id}/sessions/{sessionId}/checkin-code", HoursOrganiser, async w => To($"api/activities/{(await w.HoursSessionAsync()).Activity}/sessions/s1/checkin-code"), Family.Orders),
        new("GET", "/activities/{id}/hours", HoursOrganiser, async w => To($"api/activities/{(await w.HoursSessionAsync()).Activity}/hours"), Family.Orders),
        new("POST", "/activities/{id}/hours/decisions", HoursOrganiser, async w => { var (a, r) = await w.PendingHoursAsync(); return To($"api/activities/{a}/hours/decisions", _ => new { volunteerId = w.A.Id, recordId = r, approved = true }); }, Family.Orders, UsesUp: true),
        new("POST", "/activities/{id}/hours/corrections/decisions", HoursOrganiser, async w => { var (a, r) = await w.CorrectionAsync(); return To($"api/activities/{a}/hours/corrections/decisions", _ => new { volunteerId = w.A.Id, recordId = r, accepted = true }); }, Family.Orders, UsesUp: true),
        new("POST", "/activities/{id}/hours/offline", HoursOrganiser, async w => To($"api/activities/{(await w.HoursSessionAsync()).Activity}/hours/offline", _ => new { volunteerId = w.A.Id, sessionId = "s1", minutes = 60, reason = "线下服务补录" }), Family.Orders),
        new("GET", "/staff/hours/stats", HoursStaffScope, _ => At($"api/staff/hours/stats?orgId={C1}"), Family.Orders),

        // The moderators' queue (a held topic to approve, a held comment to reject).
        new("GET", "/staff/moderation", ModerationQueue, _ => At("api/staff/moderation"), Family.Moderation),
        new("POST", "/staff/moderation/{itemType}/{itemId}/approve", ModerationDecision, async w => To($"api/staff/moderation/topic/{await w.HeldTopicAsync()}/approve"), Family.Moderation, UsesUp: true),
        new("POST", "/staff/moderation/{itemType}/{itemId}/reject", ModerationDecision, async w => To($"api/staff/moderation/comment/{await w.HeldCommentAsync()}/reject", _ => new { reason = "内容不符合社区规范" }), Family.Moderation, UsesUp: true),
    ];

    /// <summary>
    /// Routes called again on items moderation holds or rejected: such items are for fewer people than published ones,
    /// and every listing and read path must keep them so.
    /// </summary>
    public static IReadOnlyList<Scenario> HeldAndRejected { get; } =
    [
        new("GET", "/letters/{id}", HeldLetterRead, async w => To($"api/letters/{await w.HeldLetterAsync()}")) { Item = "held letter" },
        new("GET", "/letters/{id}", RejectedLetterRead, async w => To($"api/letters/{await w.RejectedLetterAsync()}")) { Item = "rejected letter" },
        new("POST", "/letters/{id}/accept", RejectedLetterAct, async w => To($"api/letters/{await w.RejectedLetterAsync()}/accept")) { Item = "rejected letter" },
        new("GET", "/topics/{id}", HeldTopicRead, async w => To($"api/topics/{await w.HeldTopicAsync()}"), Family.Deliberation) { Item = "held topic" },
        new("GET", "/topics/{id}", HeldTopicRead, async w => To($"api/topics/{await w.HiddenTopicAsync()}"), Family.Deliberation) { Item = "hidden topic" },
        new("GET", "/topics/{id}/comments", HeldTopicRead, async w => To($"api/topics/{await w.HeldTopicAsync()}/comments"), Family.Deliberation) { Item = "held topic" },
        new("POST", "/comments/{id}/report", HeldComment, async w => To($"api/comments/{await w.HeldCommentAsync()}/report"), Family.Deliberation) { Item = "held comment" },
        new("POST", "/comments/{id}/report", HeldComment, async w => To($"api/comments/{await w.RemovedCommentAsync()}/report"), Family.Deliberation) { Item = "removed comment" },
    ];

    private static Task<Target> At(string path, Func<Person?, object?>? body = null) => Task.FromResult(To(path, body));

    private static Target To(string path, Func<Person?, object?>? body = null) => new(path, body);

    private static Target Meeting((string Topic, string Meeting) meeting, string action, object? body = null) =>
        new($"api/topics/{meeting.Topic}/meetings/{meeting.Meeting}/{action}", body is null ? null : _ => body);

    private static Target SignUp((string Activity, string SignUp) signUp, string action, object? body = null) =>
        new($"api/activities/{signUp.Activity}/signups/{signUp.SignUp}/{action}", body is null ? null : _ => body);

    /// <summary>WeChat's timestamp: Unix seconds on the clock the worker checks it against.</summary>
    private static string Seconds(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
}
