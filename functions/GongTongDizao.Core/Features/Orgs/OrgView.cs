namespace GongTongDizao.Core.Features.Orgs;

public sealed record OrgView(string Id, string Name, OrgLevel Level, string? ParentId, IReadOnlyList<string> Path)
{
    public static OrgView From(OrgUnit org)
    {
        ArgumentNullException.ThrowIfNull(org);
        return new(org.Id, org.Name, org.Level, org.ParentId, org.Path);
    }
}

public sealed record OrgList(IReadOnlyList<OrgView> Items);
