namespace GongTongDizao.Core.Features.Orgs;

public sealed class GetOrg(OrgDirectory orgs)
{
    public async Task<Result<OrgView>> HandleAsync(string id, CancellationToken cancellationToken) =>
        await orgs.FindAsync(id, cancellationToken) is { } org ? OrgView.From(org) : Error.NotFound();
}
