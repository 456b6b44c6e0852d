using System.Globalization;
using System.Text.Json;
using GongTongDizao.Testing;
using GongTongDizao.WeChat.Simulator;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.EndToEnd.Tests.Reliability;

/// <summary>Which staff a route is about: its staff columns are the in-scope and out-of-scope holders of that role.</summary>
public enum Family
{
    Youth,
    Deliberation,

    /// <summary>Staff in scope without the moderator role, and a moderator out of scope.</summary>
    Moderation,

    /// <summary>青年点单: youth-league staff, and the team columns are called too.</summary>
    Orders,
}

public sealed record Person(string Token, string Id, string Home, string Name);

/// <summary>
/// The people of the matrix and the items they create through the API, all in 昙华林社区 under 中华路街道 (C1).
/// Staff live outside C1, so their staff role is all that relates them to its items.
/// </summary>
public sealed class MatrixWorld
{
    public const string Community = "420106001001";
    public const string Street = "420106001";
    public const string District = "420106";
    public const string OtherStreet = "420106008";
    public const string OtherCommunity = "420106008001";
    public const string SiblingCommunity = "420106001002";

    private readonly MatrixFixture _host;
    private int _phone;

    private MatrixWorld(MatrixFixture host) => _host = host;

    public Person A { get; private set; } = null!;

    public Person B { get; private set; } = null!;

    public Person YouthIn { get; private set; } = null!;

    public Person YouthOut { get; private set; } = null!;

    public Person FederationIn { get; private set; } = null!;

    public Person FederationOut { get; private set; } = null!;

    public Person Moderator { get; private set; } = null!;

    public Person ModeratorOut { get; private set; } = null!;

    /// <summary>Nobody in particular: a user whose roles the administrator's routes grant and revoke.</summary>
    public Person Bystander { get; private set; } = null!;

    /// <summary>The leader of team T1 (serving 中华路街道), a member of T1, and the leader of T2 (serving 积玉桥街道).</summary>
    public Person TeamLeader { get; private set; } = null!;

    public Person TeamMember { get; private set; } = null!;

    public Person OtherTeamLeader { get; private set; } = null!;

    public string Team { get; private set; } = null!;

    public string OtherTeam { get; private set; } = null!;

    /// <summary>A letter of A's that others are marked as duplicates of.</summary>
    public string FirstLetter { get; private set; } = null!;

    /// <summary>A proposed topic of A's that others are merged into.</summary>
    public string FirstTopic { get; private set; } = null!;

    public static async Task<MatrixWorld> CreateAsync(MatrixFixture host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var world = new MatrixWorld(host);
        var people = await Task.WhenAll(
            world.PersonAsync(Community, "居民甲"),
            world.PersonAsync(Community, "居民乙"),
            world.PersonAsync(SiblingCommunity, "团委在辖", "youthLeagueWorker", Street),
            world.PersonAsync(OtherCommunity, "团委辖外", "youthLeagueWorker", OtherStreet),
            world.PersonAsync(SiblingCommunity, "妇联在辖", "womensFederationWorker", Street),
            world.PersonAsync(OtherCommunity, "妇联辖外", "womensFederationWorker", OtherStreet),
            world.PersonAsync(OtherCommunity, "审核在辖", "moderator", District),
            world.PersonAsync(OtherCommunity, "审核辖外", "moderator", OtherStreet),
            world.PersonAsync(OtherCommunity, "路人"));
        (world.A, world.B, world.YouthIn, world.YouthOut, world.FederationIn, world.FederationOut, world.Moderator, world.ModeratorOut, world.Bystander) =
            (people[0]!, people[1]!, people[2]!, people[3]!, people[4]!, people[5]!, people[6]!, people[7]!, people[8]!);
        world.FirstLetter = await world.LetterAsync();
        world.FirstTopic = await world.TopicAsync();
        var teamPeople = await Task.WhenAll(world.PersonAsync(Community, "队长"), world.PersonAsync(Community, "队员"), world.PersonAsync(Community, "邻街队长"));
        (world.TeamLeader, world.TeamMember, world.OtherTeamLeader) = (teamPeople[0]!, teamPeople[1]!, teamPeople[2]!);
        world.Team = await world.TeamAsync(world.YouthIn, Street, world.TeamLeader);
        world.OtherTeam = await world.TeamAsync(world.YouthOut, OtherStreet, world.OtherTeamLeader);
        await world.OkAsync(HttpMethod.Post, $"api/teams/{world.Team}/join-requests", world.TeamMember.Token, new { });
        await world.OkAsync(HttpMethod.Post, $"api/teams/{world.Team}/join-requests/{world.TeamMember.Id}/approve", world.TeamLeader.Token);
        return world;
    }

    public Person? Who(Column column, Family family) => column switch
    {
        Column.Owner => A,
        Column.OtherResident => B,
        Column.StaffIn => family == Family.Deliberation ? FederationIn : YouthIn,
        Column.StaffOut => family switch { Family.Deliberation => FederationOut, Family.Moderation => ModeratorOut, _ => YouthOut },
        Column.Moderator => Moderator,
        Column.TeamLeader => TeamLeader,
        Column.TeamMember => TeamMember,
        Column.OtherTeam => OtherTeamLeader,
        _ => null,
    };

    /// <summary>A new person like the column's (for calls that use the account up, such as deleting it).</summary>
    public Task<Person?> FreshAsync(Column column, Family family) => column switch
    {
        Column.Owner or Column.OtherResident => PersonAsync(Community, "居民")!,
        Column.StaffIn => PersonAsync(SiblingCommunity, "在辖", family == Family.Deliberation ? "womensFederationWorker" : "youthLeagueWorker", Street)!,
        Column.StaffOut => family == Family.Moderation
            ? PersonAsync(OtherCommunity, "辖外", "moderator", OtherStreet)!
            : PersonAsync(OtherCommunity, "辖外", family == Family.Deliberation ? "womensFederationWorker" : "youthLeagueWorker", OtherStreet)!,
        Column.Moderator => PersonAsync(OtherCommunity, "审核", "moderator", District)!,
        Column.TeamLeader or Column.TeamMember or Column.OtherTeam => PersonAsync(Community, "居民")!,
        _ => Task.FromResult<Person?>(null),
    };

    /// <summary>A fresh code from the phone-number button (single-use, 5 minutes), as the simulator issues them.</summary>
    public string PhoneCode() => _host.Services.GetRequiredService<WeChatSimulator>().State.IssuePhoneCode(
        string.Create(CultureInfo.InvariantCulture, $"139{((uint)Guid.NewGuid().GetHashCode() + (uint)Interlocked.Increment(ref _phone)) % 100_000_000:D8}"));

    private async Task<Person?> PersonAsync(string home, string name, string? role = null, string? orgId = null)
    {
        var token = await _host.LoginAsync($"dev-{Guid.NewGuid():N}");
        var me = await OkAsync(HttpMethod.Put, "api/me", token, new { displayName = name, homeCommunityId = home });
        var id = me.GetProperty("id").GetString()!;
        if (role is not null)
        {
            var (status, body) = await _host.SendAsync(HttpMethod.Post, $"api/manage/users/{id}/roles", body: new { role, orgId }, functionKey: DevHostFixture.MasterKey);
            Assert.True(status == 200, $"grant {role}: {status} {body}");
        }

        // Everyone has a verified phone and a volunteer profile, so the 青年点单 cells are about authorisation alone.
        await OkAsync(HttpMethod.Post, "api/me/phone", token, new { code = PhoneCode() });
        await OkAsync(HttpMethod.Put, "api/me/volunteer", token, new { realName = name, birthYear = 1995 });
        return new Person(token, id, home, name);
    }

    // Letters, all written by A in C1.
    public async Task<string> LetterAsync(string content = "您好，请问最近社区有没有面向青年的招聘会？") =>
        Id(await OkAsync(HttpMethod.Post, "api/letters", A.Token, new { category = "employment", title = "想咨询招聘会", content, anonymous = false }));

    public Task<string> HeldLetterAsync() => LetterAsync("这段文字待审核，请人工看看");

    /// <summary>A held letter the moderator in scope rejected.</summary>
    public async Task<string> RejectedLetterAsync()
    {
        var id = await HeldLetterAsync();
        await OkAsync(HttpMethod.Post, $"api/letters/{id}/reject", Moderator.Token, new { reason = "内容不符合规范" });
        return id;
    }

    public async Task<string> AcceptedLetterAsync()
    {
        var id = await LetterAsync();
        await OkAsync(HttpMethod.Post, $"api/letters/{id}/accept", YouthIn.Token);
        return id;
    }

    public async Task<string> RepliedLetterAsync()
    {
        var id = await AcceptedLetterAsync();
        await OkAsync(HttpMethod.Post, $"api/letters/{id}/reply", YouthIn.Token, new { content = "您好，本月底社区有一场青年招聘会。" });
        return id;
    }

    // Topics, all proposed by A in C1 and walked on by B (seconds) and the federation worker in scope.
    public async Task<string> TopicAsync(string description = "老人上下楼不方便，建议在楼道加装扶手，方便大家出行。") =>
        Id(await OkAsync(HttpMethod.Post, "api/topics", A.Token, new { communityId = Community, title = "楼道加装扶手", description }));

    public Task<string> HeldTopicAsync() => TopicAsync("这段文字待审核，建议在楼道加装扶手，方便大家出行。");

    /// <summary>A held topic the moderator in scope rejected, which hides it.</summary>
    public async Task<string> HiddenTopicAsync()
    {
        var id = await HeldTopicAsync();
        await OkAsync(HttpMethod.Post, $"api/staff/moderation/topic/{id}/reject", Moderator.Token, new { reason = "内容不符合社区规范" });
        return id;
    }

    public async Task<string> DeliberatingTopicAsync()
    {
        var id = await TopicAsync();
        await OkAsync(HttpMethod.Post, $"api/topics/{id}/second", B.Token);
        return id;
    }

    /// <summary>Now on the clock the worker reads.</summary>
    public DateTimeOffset Now => _host.Time.GetUtcNow();

    public async Task<(string Topic, string Meeting)> MeetingAsync(TimeSpan startsIn)
    {
        var id = await DeliberatingTopicAsync();
        var topic = await OkAsync(HttpMethod.Post, $"api/topics/{id}/meetings", FederationIn.Token, new { startsAt = _host.Clock.GetUtcNow() + startsIn, place = "社区议事厅", agenda = "扶手安装方案", capacity = 10 });
        return (id, topic.GetProperty("meetings")[0].GetProperty("id").GetString()!);
    }

    /// <summary>A meeting that has started (the clock moves past it) and waits for its minutes.</summary>
    public async Task<(string Topic, string Meeting)> StartedMeetingAsync()
    {
        var meeting = await MeetingAsync(TimeSpan.FromMinutes(1));
        _host.Clock.Advance(TimeSpan.FromMinutes(2));
        return meeting;
    }

    public async Task<string> HeldMeetingTopicAsync()
    {
        var (topic, meeting) = await StartedMeetingAsync();
        await OkAsync(HttpMethod.Post, $"api/topics/{topic}/meetings/{meeting}/minutes", FederationIn.Token, new { attendees = 12, summary = "居民同意加装扶手。" });
        return topic;
    }

    public async Task<string> DeliveringTopicAsync()
    {
        var topic = await HeldMeetingTopicAsync();
        await OkAsync(HttpMethod.Post, $"api/topics/{topic}/decision", FederationIn.Token, new { outcome = "accepted", votesFor = 5, votesAgainst = 0, abstentions = 0 });
        return topic;
    }

    public async Task<string> EvaluatingTopicAsync()
    {
        var topic = await DeliveringTopicAsync();
        await OkAsync(HttpMethod.Post, $"api/topics/{topic}/progress", FederationIn.Token, new { text = "扶手已安装完成", percent = 100 });
        return topic;
    }

    public async Task<string> CommentAsync(string topicId, string content = "支持，楼道确实需要扶手。") =>
        Id(await OkAsync(HttpMethod.Post, $"api/topics/{topicId}/comments", A.Token, new { stance = "support", content }));

    public async Task<string> HeldCommentAsync() => await CommentAsync(await TopicAsync(), "这段文字待审核，支持加装扶手。");

    /// <summary>A held comment the moderator in scope rejected, which removes it.</summary>
    public async Task<string> RemovedCommentAsync()
    {
        var id = await HeldCommentAsync();
        await OkAsync(HttpMethod.Post, $"api/staff/moderation/comment/{id}/reject", Moderator.Token, new { reason = "内容不符合社区规范" });
        return id;
    }

    public async Task<string> BroadcastAsync() =>
        Id(await OkAsync(HttpMethod.Post, "api/staff/broadcasts", YouthIn.Token, new { orgId = Community, audience = "youth", title = "青年招聘会", body = "本月底社区举办青年招聘会，欢迎参加。" }));

    // 青年点单: orders of A in C1 at each stage, teams created by the youth-league worker of their street.
    public async Task<string> TeamAsync(Person staff, string orgId, Person leader) =>
        Id(await OkAsync(HttpMethod.Post, "api/staff/teams", staff.Token, new { name = "矩阵服务队", kind = "volunteer_team", orgId, leaderIds = new[] { leader.Id } }));

    /// <summary>A team led by T1's leader, which nobody else has joined yet.</summary>
    public Task<string> FreshTeamAsync() => TeamAsync(YouthIn, Street, TeamLeader);

    /// <summary>A new volunteer's pending request to join T1: its user id.</summary>
    public async Task<string> JoinRequestAsync()
    {
        var applicant = (await PersonAsync(Community, "申请人"))!;
        await OkAsync(HttpMethod.Post, $"api/teams/{Team}/join-requests", applicant.Token, new { });
        return applicant.Id;
    }

    public object OrderForm(Person? p) => new
    {
        category = "digital_help",
        title = "教我用手机挂号",
        details = "想学用手机挂号。",
        place = new { orgId = p?.Home ?? Community, address = "3 栋 501" },
        wantedFrom = _host.Clock.GetUtcNow().AddHours(1),
        wantedTo = _host.Clock.GetUtcNow().AddDays(2),
        contact = new { name = "王阿姨", phone = "13800000000" },
    };

    public async Task<string> OrderAsync() => Id(await OkAsync(HttpMethod.Post, "api/orders", A.Token, OrderForm(A)));

    public async Task<string> ApprovedOrderAsync() => await StepAsync(await OrderAsync(), YouthIn, "approve");

    public async Task<string> DispatchedOrderAsync() => await StepAsync(await ApprovedOrderAsync(), YouthIn, "dispatch", new { teamId = Team });

    public async Task<string> PooledOrderAsync() => await StepAsync(await ApprovedOrderAsync(), YouthIn, "pool");

    public async Task<string> TakenOrderAsync() => await StepAsync(await DispatchedOrderAsync(), TeamLeader, "take", new { teamId = Team, volunteerIds = new[] { TeamMember.Id } });

    public async Task<string> DeliveredOrderAsync() => await StepAsync(await TakenOrderAsync(), TeamMember, "deliver", new { note = "服务已完成" });

    public async Task<string> ReopenedOrderAsync() => await StepAsync(await DeliveredOrderAsync(), A, "rating", new { stars = 1 });

    private async Task<string> StepAsync(string orderId, Person who, string action, object? body = null)
    {
        await OkAsync(HttpMethod.Post, $"api/orders/{orderId}/{action}", who.Token, body);
        return orderId;
    }

    // Activities: organised by T1 (its leader), in C1, a month ahead of the matrix clock.
    public object ActivityForm(string? teamId, bool needsApproval = false, int capacity = 50) => new
    {
        title = "社区公益集市",
        kind = "volunteer_market",
        description = "周末社区公益集市，欢迎参加。",
        place = new { orgId = Community, address = "社区广场" },
        teamId,
        sessions = new[] { new { startsAt = _host.Clock.GetUtcNow().AddDays(30), endsAt = _host.Clock.GetUtcNow().AddDays(30).AddHours(2), capacity } },
        signUpOpensAt = _host.Clock.GetUtcNow().AddMinutes(-5),
        signUpClosesAt = _host.Clock.GetUtcNow().AddDays(29),
        needsApproval,
    };

    public async Task<string> ActivityAsync(bool needsApproval = false, int capacity = 50) =>
        Id(await OkAsync(HttpMethod.Post, "api/activities", TeamLeader.Token, ActivityForm(Team, needsApproval, capacity)));

    /// <summary>A's sign-up for a new activity of T1 (pending approval when it needs approval).</summary>
    public async Task<(string Activity, string SignUp)> SignUpAsync(bool needsApproval = false)
    {
        var activity = await ActivityAsync(needsApproval);
        return (activity, Id(await OkAsync(HttpMethod.Post, $"api/activities/{activity}/signups", A.Token, new { sessionId = "s1", role = "participant" })));
    }

    /// <summary>A's sign-up offered the seat B gave up.</summary>
    public async Task<(string Activity, string SignUp)> OfferedSignUpAsync()
    {
        var activity = await ActivityAsync(capacity: 1);
        var seat = Id(await OkAsync(HttpMethod.Post, $"api/activities/{activity}/signups", B.Token, new { sessionId = "s1", role = "participant" }));
        var waiting = Id(await OkAsync(HttpMethod.Post, $"api/activities/{activity}/signups", A.Token, new { sessionId = "s1", role = "participant" }));
        await OkAsync(HttpMethod.Post, $"api/activities/{activity}/signups/{seat}/cancel", B.Token);
        return (activity, waiting);
    }

    // Volunteer hours (#25): activities organised by T1 in C1 (written through the stores), A registered as a volunteer.
    public async Task<(string Activity, string Code)> HoursSessionAsync()
    {
        var activity = await Hours.HoursWorld.ActivityAsync(_host, Team, "矩阵服务队", ("s1", TimeSpan.FromMinutes(5), TimeSpan.FromHours(2)));
        await Hours.HoursWorld.RegisterAsync(_host, activity, "s1", A.Id);
        var code = await OkAsync(HttpMethod.Get, $"api/activities/{activity.Id}/sessions/s1/checkin-code", TeamLeader.Token);
        return (activity.Id, code.GetProperty("scene").GetString()!);
    }

    /// <summary>A checked-in and checked-out record of A's, waiting for the organiser.</summary>
    public async Task<(string Activity, string Record)> PendingHoursAsync()
    {
        var (activity, code) = await HoursSessionAsync();
        await OkAsync(HttpMethod.Post, "api/checkins", A.Token, new { code, action = "in" });
        var checkedOut = await OkAsync(HttpMethod.Post, "api/checkins", A.Token, new { code, action = "out" });
        return (activity, checkedOut.GetProperty("record").GetProperty("id").GetString()!);
    }

    /// <summary>A 补录 record of A's, added by T1's leader.</summary>
    public async Task<(string Activity, string Record)> OfflineHoursAsync()
    {
        var (activity, _) = await HoursSessionAsync();
        var record = await OkAsync(HttpMethod.Post, $"api/activities/{activity}/hours/offline", TeamLeader.Token, new { volunteerId = A.Id, sessionId = "s1", minutes = 60, reason = "线下服务补录" });
        return (activity, Id(record));
    }

    /// <summary>A 补录 record of A's with A's open correction request.</summary>
    public async Task<(string Activity, string Record)> CorrectionAsync()
    {
        var (activity, record) = await OfflineHoursAsync();
        await OkAsync(HttpMethod.Post, $"api/me/hours/{record}/corrections", A.Token, new { minutes = 90, reason = "实际服务一个半小时" });
        return (activity, record);
    }

    public async Task<JsonElement> OkAsync(HttpMethod method, string path, string? token = null, object? body = null)
    {
        var (status, json) = await _host.SendAsync(method, path, token, body);
        Assert.True(status is >= 200 and < 300, $"{method} {path}: {status} {json}");
        return json;
    }

    private static string Id(JsonElement item) => item.GetProperty("id").GetString()!;
}
