using System.Text.Json.Nodes;
using GongTongDizao.Core.Events;
using GongTongDizao.Core.Features.Attachments;
using GongTongDizao.Core.Features.Letters;
using GongTongDizao.Core.Features.Notifications;

namespace GongTongDizao.Benchmarks;

/// <summary>Realistic zh-CN content of the sizes residents and staff actually write.</summary>
internal static class SampleData
{
    public static readonly DateTimeOffset At = new(2026, 11, 27, 7, 1, 0, TimeSpan.Zero);

    public const string Title = "关于小区东门夜间照明长期不足的问题反映";

    public const string Content =
        "尊敬的社区团委：\n" +
        "我是幸福里小区3号楼的住户，在附近的工业园上班，经常晚上十点以后才下班回家。小区东门到3号楼之间的小路" +
        "大约有两百米，路灯坏了三盏，已经将近两个月没有修好，晚上几乎看不清路面。上周一位阿姨在这里摔倒，" +
        "幸好没有大碍。很多和我一样的新市民晚上回来都要打开手机手电筒照明，带孩子的家庭更是不方便。\n" +
        "我们向物业反映过两次，物业说需要等业委会审批维修资金，但一直没有下文。希望社区能帮忙协调，" +
        "尽快修复路灯，如果可以的话，在拐角处再增加一盏灯，并在东门口设置减速提示牌。\n" +
        "谢谢！";

    public const string Reply =
        "您好！感谢您对社区公共安全的关注。我们已于11月28日联系物业公司和街道城管科现场查看，" +
        "损坏的三盏路灯已列入本周维修计划，预计12月2日前修复；拐角处新增路灯需业委会表决，" +
        "我们将在12月的居民议事会上提出，结果会在“共同缔造”小程序中公布。如有其他问题，欢迎继续来信。";

    public static SubmitLetterRequest ValidRequest() =>
        new(LetterCategory.DailyLife, Title, Content, Anonymous: false, ["upl-3f9a1c0e6b7d4e21", "upl-8b2d4f6a1c3e5d70"]);

    /// <summary>Fails three rules: no category, a title over 50 characters, a repeated photo.</summary>
    public static SubmitLetterRequest InvalidRequest() =>
        new(null, string.Concat(Enumerable.Repeat("小区东门夜间照明不足", 6)), Content, Anonymous: true, ["upl-1", "upl-1"]);

    /// <summary>A replied letter: two photos, a full timeline, a reply and an event still in the outbox.</summary>
    public static Letter RepliedLetter()
    {
        const string community = "org-sz-lg-bj-xfl";
        string[] path = ["org-sz", "org-sz-lg", "org-sz-lg-bj", community];
        var letter = new Letter
        {
            Id = community + "~4f6c0e7a9b2d4c1e8a3f5b7d9e1c2a4b",
            CommunityId = community,
            OrgPath = path,
            HandlingOrgId = community,
            HandlingPath = path,
            AuthorId = "u-5k2m8q1x7z3c9v4b",
            AuthorName = "陈小林",
            Anonymous = false,
            Category = LetterCategory.DailyLife,
            Title = Title,
            Content = Content,
            Attachments =
            [
                new AttachmentRef("upl-3f9a1c0e6b7d4e21", "image/jpeg", 482_113) { OwnerId = "u-5k2m8q1x7z3c9v4b" },
                new AttachmentRef("upl-8b2d4f6a1c3e5d70", "image/jpeg", 391_870) { OwnerId = "u-5k2m8q1x7z3c9v4b" },
            ],
            Status = LetterStatus.Replied,
            CreatedAt = At,
            ReceivedAt = At,
            AcceptedAt = At.AddHours(3),
            FirstRepliedAt = At.AddDays(1),
            LastRepliedAt = At.AddDays(1),
            Deadlines = new LetterDeadlines { AcceptBy = At.AddDays(2), ReplyBy = At.AddDays(7), AutoCloseAt = At.AddDays(8) },
            Metrics = new LetterMetrics { Received = true, AcceptSeconds = 10_800, AcceptedOnTime = true, ReplySeconds = 86_400, RepliedOnTime = true },
            Assignee = new LetterAssignee("u-staff-7h3j9k", "王晓燕", At.AddDays(5), At.AddHours(3)),
            Timeline =
            [
                new LetterStep(LetterStatus.Submitted, null, LetterActor.Author, At),
                new LetterStep(LetterStatus.Accepted, LetterAction.Accept, LetterActor.Staff, At.AddHours(3), "已受理，正在联系物业"),
                new LetterStep(LetterStatus.InProgress, LetterAction.Assign, LetterActor.Staff, At.AddHours(3)),
                new LetterStep(LetterStatus.Replied, LetterAction.Reply, LetterActor.Staff, At.AddDays(1)),
            ],
            Replies = [new LetterReply("rep-2c4e6a8b", Reply, At.AddDays(1), "u-staff-7h3j9k", community)],
            ETag = "\"0000a1b2-0000-0300-0000-6746f0a20000\"",
        };
        return letter with { Outbox = [LetterEvents.Replied(letter, Reply, "u-staff-7h3j9k", At.AddDays(1))] };
    }

    /// <summary>What a "your letter was replied to" notification carries, as DeliverNotification gets it.</summary>
    public static NotificationContent RepliedNotification()
    {
        var replied = LetterEvents.Replied(RepliedLetter(), Reply, "u-staff-7h3j9k", At.AddDays(1));
        replied.Data["status"] = "replied";
        return NotificationContent.From(replied, "幸福里社区团委");
    }

    /// <summary>A topic reaching its seconding threshold: a number keyword and a phrase keyword.</summary>
    public static NotificationContent ThresholdNotification() => new()
    {
        EventType = EventTypes.TopicThresholdReached,
        OccurredAt = At,
        OrgName = "幸福里社区团委",
        Data = new JsonObject { ["topicId"] = "org-sz-lg-bj-xfl~t-91", ["title"] = "在小区中心花园增设儿童游乐区和休息座椅", ["secondCount"] = 37, ["status"] = "待议事" },
    };
}
