namespace GongTongDizao.Core.Features.Orgs;

/// <summary>The tree rules an import must keep: known parents, no cycles, unique codes, each level below its parent's.</summary>
public static class OrgImportCheck
{
    public static Dictionary<string, string[]> FindProblems(IReadOnlyList<ImportedOrg> orgs, IReadOnlyDictionary<string, OrgUnit> existing)
    {
        ArgumentNullException.ThrowIfNull(orgs);
        ArgumentNullException.ThrowIfNull(existing);
        var problems = new Dictionary<string, List<string>>();
        void Add(int index, string message)
        {
            var key = $"orgs[{index}]";
            if (!problems.TryGetValue(key, out var list))
            {
                problems[key] = list = [];
            }

            list.Add(message);
        }

        var byId = new Dictionary<string, (string? ParentId, OrgLevel Level)>(StringComparer.Ordinal);
        foreach (var org in existing.Values)
        {
            byId[org.Id] = (org.ParentId, org.Level);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < orgs.Count; i++)
        {
            if (!seen.Add(orgs[i].Id))
            {
                Add(i, $"编码 {orgs[i].Id} 重复");
            }

            byId[orgs[i].Id] = (orgs[i].ParentId, orgs[i].Level);
        }

        for (var i = 0; i < orgs.Count; i++)
        {
            var org = orgs[i];
            if (org.ParentId is null)
            {
                if (org.Level != OrgLevel.Province)
                {
                    Add(i, "只有省级节点可以没有上级");
                }

                continue;
            }

            if (!byId.TryGetValue(org.ParentId, out var parent))
            {
                Add(i, $"上级 {org.ParentId} 不存在");
                continue;
            }

            if (org.Level <= parent.Level)
            {
                Add(i, $"层级 {org.Level} 必须低于上级的层级 {parent.Level}");
            }

            if (HasCycle(org.Id, byId))
            {
                Add(i, $"{org.Id} 的上级链形成了循环");
            }
        }

        return problems.ToDictionary(p => p.Key, p => p.Value.ToArray());
    }

    public static IReadOnlyList<string> PathOf(string id, IReadOnlyDictionary<string, (string Name, OrgLevel Level, string? ParentId)> tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var path = new List<string>();
        for (var parent = tree[id].ParentId; parent is not null && path.Count < 16; parent = tree[parent].ParentId)
        {
            path.Insert(0, parent);
        }

        return path;
    }

    private static bool HasCycle(string start, Dictionary<string, (string? ParentId, OrgLevel Level)> byId)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal) { start };
        for (var current = byId[start].ParentId; current is not null && byId.TryGetValue(current, out var node); current = node.ParentId)
        {
            if (!visited.Add(current))
            {
                return true;
            }
        }

        return false;
    }
}
