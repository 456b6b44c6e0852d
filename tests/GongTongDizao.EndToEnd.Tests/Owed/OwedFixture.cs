using System.Globalization;
using GongTongDizao.EndToEnd.Tests.Topics;

namespace GongTongDizao.EndToEnd.Tests.Owed;

/// <summary>
/// One DevHost (the topics host: its shiftable clock and one-hour seconding window) for what issue 21 found owed to
/// residents and staff. Every test imports a street of its own, so counts and inboxes are its own.
/// </summary>
public sealed class OwedFixture : TopicsFixture
{
    /// <summary>A fresh street under 武昌区 with two communities: (street, community, other community).</summary>
    public async Task<(string Street, string Community, string Other)> ImportStreetAsync()
    {
        var suffix = Random.Shared.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture);
        var street = "420106" + suffix;
        var (status, body) = await this.SendAsync(HttpMethod.Post, "api/manage/orgs/import", functionKey: FunctionKey, body: new
        {
            orgs = new object[]
            {
                new { id = street, name = "欠账街道" + suffix[..3], level = "street", parentId = "420106" },
                new { id = street + "001", name = "欠账社区" + suffix[..3], level = "community", parentId = street },
                new { id = street + "002", name = "另一社区" + suffix[..3], level = "community", parentId = street },
            },
        });
        Assert.True(status == 200, body.ToString());
        return (street, street + "001", street + "002");
    }

    /// <summary>A new person living in <paramref name="communityId"/> with a staff role over <paramref name="orgId"/>: token and id.</summary>
    public async Task<(string Token, string UserId)> NewStaffAsync(string communityId, string role, string orgId, string name = "工作人员")
    {
        var (token, userId) = await NewResidentAsync(communityId, name);
        var (status, body) = await this.SendAsync(HttpMethod.Post, $"api/manage/users/{userId}/roles", body: new { role, orgId }, functionKey: FunctionKey);
        Assert.True(status == 200, body.ToString());
        return (token, userId);
    }
}

[CollectionDefinition(Name)]
public sealed class OwedCollection : ICollectionFixture<OwedFixture>
{
    public const string Name = "Owed";
}
