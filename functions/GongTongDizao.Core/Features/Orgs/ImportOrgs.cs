using GongTongDizao.Core.Audit;
using Microsoft.Azure.Cosmos;

namespace GongTongDizao.Core.Features.Orgs;

public sealed record ImportOrgsRequest(IReadOnlyList<ImportedOrg> Orgs);

public sealed record ImportedOrg(string Id, string Name, OrgLevel Level, string? ParentId);

public sealed record ImportOrgsResult(int Created, int Updated, int Unchanged);

public sealed class ImportOrgsValidator : AbstractValidator<ImportOrgsRequest>
{
    public ImportOrgsValidator()
    {
        RuleFor(r => r.Orgs).NotEmpty().Must(o => o is null || o.Count <= 5000).WithMessage("一次最多导入 5000 个节点");
        RuleForEach(r => r.Orgs).ChildRules(org =>
        {
            org.RuleFor(o => o.Id).NotEmpty().Matches("^[0-9A-Za-z]{2,32}$").WithMessage("编码须为 2 到 32 位字母或数字");
            org.RuleFor(o => o.Name).NotEmpty().Text(1, 50);
            org.RuleFor(o => o.Level).IsInEnum();
        });
    }
}

/// <summary>
/// Imports or updates the governance tree (an administrator's function). Every problem is found before anything is
/// written, so a bad file changes nothing; repeating the same import changes nothing either.
/// </summary>
public sealed class ImportOrgs(CosmosClient cosmos, OrgDirectory directory, AuditLog audit)
{
    public async Task<Result<ImportOrgsResult>> HandleAsync(ImportOrgsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        // Compare with the store, not this instance's cached tree: another instance may have imported since, and an
        // import left "unchanged" because of a stale cache would never be written.
        directory.Invalidate();
        var existing = (await directory.AllAsync(cancellationToken)).ToDictionary(o => o.Id, StringComparer.Ordinal);
        var problems = OrgImportCheck.FindProblems(request.Orgs, existing);
        if (problems.Count > 0)
        {
            return Error.From(ErrorCodes.OrgImportInvalid) with { Errors = problems };
        }

        var merged = new Dictionary<string, (string Name, OrgLevel Level, string? ParentId)>(StringComparer.Ordinal);
        foreach (var org in existing.Values)
        {
            merged[org.Id] = (org.Name, org.Level, org.ParentId);
        }

        foreach (var org in request.Orgs)
        {
            merged[org.Id] = (org.Name.Trim(), org.Level, org.ParentId);
        }

        var container = cosmos.GetContainer(StoreNames.Database, StoreNames.Containers.Orgs);
        int created = 0, updated = 0, unchanged = 0;
        foreach (var org in request.Orgs)
        {
            var unit = new OrgUnit { Id = org.Id, Name = org.Name.Trim(), Level = org.Level, ParentId = org.ParentId, Path = OrgImportCheck.PathOf(org.Id, merged) };
            if (existing.TryGetValue(org.Id, out var before) && before.Name == unit.Name && before.Level == unit.Level && before.ParentId == unit.ParentId && before.Path.SequenceEqual(unit.Path))
            {
                unchanged++;
                continue;
            }

            await container.UpsertItemAsync(unit, new PartitionKey(unit.Id), new ItemRequestOptions { EnableContentResponseOnWrite = false }, cancellationToken);
            if (before is null)
            {
                created++;
            }
            else
            {
                updated++;
            }
        }

        directory.Invalidate();
        await audit.AppendAsync("orgs", "orgs", "orgs.imported", AuditLog.AdminActor, reason: $"created {created}, updated {updated}, unchanged {unchanged}", cancellationToken: cancellationToken);
        return new ImportOrgsResult(created, updated, unchanged);
    }
}
