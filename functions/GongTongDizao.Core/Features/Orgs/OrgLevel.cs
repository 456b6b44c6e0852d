namespace GongTongDizao.Core.Features.Orgs;

/// <summary>The governance levels, top down: 省 → 市 → 区 → 街道/乡镇 → 社区/村 → 小区/村民小组 → 楼栋/湾组.</summary>
public enum OrgLevel
{
    Province = 1,
    City = 2,
    District = 3,
    Street = 4,
    Community = 5,
    Estate = 6,
    Building = 7,
}
