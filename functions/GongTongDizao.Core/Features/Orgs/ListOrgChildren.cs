namespace GongTongDizao.Core.Features.Orgs;

public sealed class ListOrgChildren(OrgDirectory orgs)
{
    public async Task<Result<OrgList>> HandleAsync(string id, CancellationToken cancellationToken)
    {
        if (await orgs.FindAsync(id, cancellationToken) is null)
        {
            return Error.NotFound();
        }

        return new OrgList([.. (await orgs.ChildrenAsync(id, cancellationToken)).Select(OrgView.From)]);
    }
}
