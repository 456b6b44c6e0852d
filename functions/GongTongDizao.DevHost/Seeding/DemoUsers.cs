namespace GongTongDizao.DevHost.Seeding;

/// <summary>The demo people: the simulator's fixed login codes log in as them.</summary>
public static class DemoUsers
{
    public const string Resident = "demo-resident";
    public const string Resident2 = "demo-resident-2";
    public const string YouthWorker = "demo-youth-worker";
    public const string FederationWorker = "demo-federation-worker";
    public const string WomenRep = "demo-women-rep";
    public const string Moderator = "demo-moderator";
    public const string TeamLeader = "demo-team-leader";
    public const string TeamMember = "demo-team-member";
    public const string ClubLeader = "demo-club-leader";
    public const string ClubMember = "demo-club-member";

    public static IReadOnlyList<DemoUser> All { get; } =
    [
        new(Resident, "小林", DemoData.DemoCommunityId, []),
        new(Resident2, "小芳", DemoData.DemoCommunityId, []),
        new(YouthWorker, "团委王老师", "420106001002", [("youthLeagueWorker", "420106001")]),
        new(FederationWorker, "妇联李主任", "420106001002", [("womensFederationWorker", "420106001")]),
        new(WomenRep, "妇女代表张姐", DemoData.DemoCommunityId, [("womenRepresentative", DemoData.DemoCommunityId)]),
        new(Moderator, "审核员陈老师", "420106008001", [("moderator", "420106")]),
        new(TeamLeader, "志愿者小刘", DemoData.DemoCommunityId, []),
        new(TeamMember, "志愿者小陈", DemoData.DemoCommunityId, []),
        new(ClubLeader, "书法社小赵", "420106001002", []),
        new(ClubMember, "书法社小吴", DemoData.DemoCommunityId, []),
    ];
}

/// <summary>A demo person: login code, profile, and roles as the admin API names them (role, org id).</summary>
public sealed record DemoUser(string LoginCode, string DisplayName, string HomeCommunityId, IReadOnlyList<(string Role, string OrgId)> Roles);
