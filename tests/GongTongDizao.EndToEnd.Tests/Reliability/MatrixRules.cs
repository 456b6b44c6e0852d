namespace GongTongDizao.EndToEnd.Tests.Reliability;

/// <summary>The callers of the matrix, in the order of the table's columns.</summary>
public enum Column
{
    NoToken,
    Forged,
    Expired,

    /// <summary>Resident A of 昙华林社区, who wrote the letter, proposed the topic, wrote the comment.</summary>
    Owner,

    /// <summary>Resident B of the same community: someone else's item.</summary>
    OtherResident,

    /// <summary>Staff with the route's role on 中华路街道, which covers the community.</summary>
    StaffIn,

    /// <summary>Staff with the same role on 积玉桥街道, which does not.</summary>
    StaffOut,

    /// <summary>A moderator on 武昌区, which covers the community.</summary>
    Moderator,

    /// <summary>The leader of a volunteer team serving 中华路街道 (青年点单 routes only; elsewhere a plain resident).</summary>
    TeamLeader,

    /// <summary>A member (not a leader) of that team.</summary>
    TeamMember,

    /// <summary>The leader of a team serving 积玉桥街道, which does not cover the community.</summary>
    OtherTeam,

    /// <summary>The function key and no token.</summary>
    AdminKey,
}

/// <summary>What a cell must answer: success (any 2xx) or one refusal (its status).</summary>
public enum Outcome
{
    Allowed = 0,
    Unauthenticated = 401,
    Forbidden = 403,
    NotFound = 404,
    Conflict = 409,
}

/// <summary>One authorisation rule: what each column gets from a route the rule governs.</summary>
public sealed record Rule(string Name, string Summary, Func<Column, Outcome> Expect)
{
    public bool Accepts(Column column, int status) =>
        Expect(column) is var outcome && (outcome == Outcome.Allowed ? status is >= 200 and < 300 : status == (int)outcome);
}

/// <summary>
/// The product's authorisation rules, one per kind of route. Items private to people (letters, held text) do not
/// exist for those who may not see them (404, so an id confirms nothing); on public items (published topics) a
/// refusal is 403. A key is not a person: without a token every people's route answers 401.
/// </summary>
public static class MatrixRules
{
    private const Outcome Ok = Outcome.Allowed;
    private const Outcome No = Outcome.Forbidden;
    private const Outcome Hidden = Outcome.NotFound;

    public static readonly Rule Open = new("open", "no authentication: health and login answer everyone", _ => Ok);

    public static readonly Rule WeChatOnly = new("wechat", "only a request signed with the WeChat token; people get 401", _ => Outcome.Unauthenticated);

    public static readonly Rule AdminOnly = new("admin", "the function key only; a token (anyone's) is not a key", c => c == Column.AdminKey ? Ok : Outcome.Unauthenticated);

    public static readonly Rule SignedIn = Person("signed-in", "anyone signed in, on their own account or on public data (orgs, public topics, their statistics)", Ok, Ok, Ok, Ok, Ok);

    public static readonly Rule LetterRead = Person("letter-read", "a letter: its author and youth-league staff in scope; to anyone else it does not exist", Ok, Hidden, Ok, Hidden, Hidden);

    public static readonly Rule LetterAuthor = Person("letter-author", "the author's actions on a letter; staff in scope see it but may not act for the author", Ok, Hidden, No, Hidden, Hidden);

    public static readonly Rule LetterStaff = Person("letter-staff", "youth-league staff in scope handle a letter; its author sees it but may not", No, Hidden, Ok, Hidden, Hidden);

    public static readonly Rule HeldLetter = Person("held-letter", "a held letter: moderators in scope decide; staff learn of it only once published", No, Hidden, Hidden, Hidden, Ok);

    public static readonly Rule HeldLetterRead = Person("held-letter-read", "reading a held letter: its author and moderators in scope; staff learn of it only once published", Ok, Hidden, Hidden, Hidden, Ok);

    public static readonly Rule RejectedLetterRead = Person("rejected-letter-read", "reading a letter moderators rejected: its author alone (the reason is in its timeline); for staff it never existed", Ok, Hidden, Hidden, Hidden, Hidden);

    public static readonly Rule RejectedLetterAct = Person("rejected-letter-act", "acting on a letter moderators rejected: its author is refused, for everyone else it does not exist", No, Hidden, Hidden, Hidden, Hidden);

    public static readonly Rule HeldTopicRead = Person("held-topic-read", "a held topic or one moderators hid, and its comments: its author, deliberation staff in scope and moderators in scope", Ok, Hidden, Ok, Hidden, Ok);

    public static readonly Rule HeldComment = Person("held-comment", "a held comment or one moderators removed cannot be acted on: for everyone it does not exist", Hidden, Hidden, Hidden, Hidden, Hidden);

    public static readonly Rule StaffLetterScope = Person("letter-scope", "listings and statistics for youth-league staff, only for orgs in their scope", No, No, Ok, No, No);

    public static readonly Rule StaffTopicScope = Person("topic-scope", "topic listings for deliberation staff (women's federation, representatives), only for orgs in their scope", No, No, Ok, No, No);

    public static readonly Rule TopicCreate = Person("topic-create", "residents propose topics in their own community only", Ok, Ok, No, No, No);

    public static readonly Rule TopicAuthor = Person("topic-author", "the author's actions on a public topic", Ok, No, No, No, No);

    public static readonly Rule TopicResident = Person("topic-resident", "residents of the topic's community (second, meetings, rating)", Ok, Ok, No, No, No);

    public static readonly Rule TopicComment = Person("topic-comment", "residents of the community and deliberation staff in scope comment", Ok, Ok, Ok, No, No);

    public static readonly Rule TopicStaff = Person("topic-staff", "women's-federation staff or representatives in scope run the deliberation", No, No, Ok, No, No);

    public static readonly Rule CommentReport = Person("comment-report", "residents of the community report others' comments (their own: 409)", Outcome.Conflict, Ok, No, No, No);

    public static readonly Rule ModerationQueue = Person("moderation-queue", "moderators only, each sees the queue of their own scope", No, No, No, Ok, Ok);

    public static readonly Rule ModerationDecision = Person("moderation-decision", "moderators in scope; for a moderator out of scope the held item does not exist", No, No, No, Hidden, Ok);

    public static readonly Rule BroadcastSend = Person("broadcast-send", "staff send notices to orgs in their scope", No, No, Ok, No, No);

    public static readonly Rule BroadcastRead = Person("broadcast-read", "a notice's delivery report: staff who may send to its org; to anyone else it does not exist", Hidden, Hidden, Ok, Hidden, Hidden);

    // 青年点单 (issue 24). Orders are private like letters: to anyone unrelated they do not exist (404).
    public static readonly Rule OrderRead = Person("order-read", "an order: its requester, the league office in scope, and members of the team it is offered to or served by", Ok, Hidden, Ok, Hidden, Hidden, Ok, Ok, Hidden);

    public static readonly Rule OrderRequester = Person("order-requester", "the requester cancels until a team took it; the office sees it but may not", Ok, Hidden, No, Hidden, Hidden, Hidden, Hidden, Hidden);

    public static readonly Rule OrderRate = Person("order-rate", "the requester rates the delivered service; the office and the serving team see it but may not", Ok, Hidden, No, Hidden, Hidden, No, No, Hidden);

    public static readonly Rule OrderOffice = Person("order-office", "the league office in scope reviews and dispatches; teams learn of an order only once it is offered", No, Hidden, Ok, Hidden, Hidden, Hidden, Hidden, Hidden);

    public static readonly Rule OrderOfficeServed = Person("order-office-served", "the office closes an order it reviewed; the team that served it sees it but may not", No, Hidden, Ok, Hidden, Hidden, No, No, Hidden);

    public static readonly Rule OrderTake = Person("order-take", "a leader of a team the order is offered to takes it; its members see it but may not; teams out of the area never see it", No, Hidden, No, Hidden, Hidden, Ok, No, Hidden);

    public static readonly Rule OrderServe = Person("order-serve", "members of the team that took the order report it delivered", No, Hidden, No, Hidden, Hidden, Ok, Ok, Hidden);

    public static readonly Rule OrderStaffScope = Person("order-scope", "the league office's listings, numbers, teams and orders placed for residents, only for orgs in scope", No, No, Ok, No, No, No, No, No);

    public static readonly Rule TeamJoin = Person("team-join", "anyone with a volunteer profile asks to join a team they are not in (a leader already is: 409)", Ok, Ok, Ok, Ok, Ok, Outcome.Conflict, Ok, Ok);

    public static readonly Rule TeamLeader = Person("team-leader", "a team's leaders decide on join requests; the team is public, so others are refused", No, No, No, No, No, Ok, No, No);

    public static readonly Rule TeamMembers = Person("team-members", "a team's work list is for its members", No, No, No, No, No, Ok, Ok, No);

    // Activities (issue 25): public items, so an organiser's route refuses others with 403; a sign-up is private to its owner.
    public static readonly Rule ActivityOrganiser = Person("activity-organiser", "a team's leaders for their team's activities, and youth-league or women's-federation staff in scope of the place", No, No, Ok, No, No, Ok, No, No);

    public static readonly Rule SignUpOwner = Person("signup-owner", "the person who signed up cancels or takes an offered seat; to anyone else (organisers too) the sign-up does not exist", Ok, Hidden, Hidden, Hidden, Hidden, Hidden, Hidden, Hidden);

    // Volunteer hours (issue 25). A's own records are private to A; an activity's organisers are the leaders of the
    // organising team and staff who organise activities in scope of its place; a check-in code checks in only those
    // registered for its session.
    public static readonly Rule HoursOwn = Person("hours-own", "a volunteer's own hours record: only they ask to correct it; to anyone else it does not exist", Ok, Hidden, Hidden, Hidden, Hidden, Hidden, Hidden, Hidden);

    public static readonly Rule HoursCheckIn = Person("hours-check-in", "a session's check-in code checks in only those registered for the session", Ok, No, No, No, No, No, No, No);

    public static readonly Rule HoursOrganiser = Person("hours-organiser", "an activity's organisers (the team's leaders, staff in scope of its place) show codes, decide hours and add 补录; the activity is public, so others are refused", No, No, Ok, No, No, Ok, No, No);

    public static readonly Rule HoursStaffScope = Person("hours-scope", "the hours numbers for staff who organise activities, only for orgs in scope", No, No, Ok, No, No, No, No, No);

    /// <summary>The team columns default to a plain resident of the community (they are called on 青年点单 routes only).</summary>
    private static Rule Person(string name, string summary, Outcome owner, Outcome other, Outcome staffIn, Outcome staffOut, Outcome moderator, Outcome? leader = null, Outcome? member = null, Outcome? otherTeam = null) =>
        new(name, summary, column => column switch
        {
            Column.Owner => owner,
            Column.OtherResident => other,
            Column.StaffIn => staffIn,
            Column.StaffOut => staffOut,
            Column.Moderator => moderator,
            Column.TeamLeader => leader ?? other,
            Column.TeamMember => member ?? other,
            Column.OtherTeam => otherTeam ?? other,
            _ => Outcome.Unauthenticated,
        });

    public static bool IsTeam(Column column) => column is Column.TeamLeader or Column.TeamMember or Column.OtherTeam;

    public static IReadOnlyList<Rule> All { get; } =
    [
        Open, WeChatOnly, AdminOnly, SignedIn, LetterRead, LetterAuthor, LetterStaff, HeldLetter, HeldLetterRead, RejectedLetterRead, RejectedLetterAct, StaffLetterScope, StaffTopicScope, TopicCreate,
        TopicAuthor, TopicResident, TopicComment, TopicStaff, HeldTopicRead, CommentReport, HeldComment, ModerationQueue, ModerationDecision, BroadcastSend, BroadcastRead,
        OrderRead, OrderRequester, OrderRate, OrderOffice, OrderOfficeServed, OrderTake, OrderServe, OrderStaffScope, TeamJoin, TeamLeader, TeamMembers,
        ActivityOrganiser, SignUpOwner,
        HoursOwn, HoursCheckIn, HoursOrganiser, HoursStaffScope,
    ];
}
