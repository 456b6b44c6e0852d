using GongTongDizao.Core.Features.Orgs;

namespace GongTongDizao.Core.Features.Topics;

internal static class TopicModerationScope
{
    public static async Task<bool> CoversAsync(OrgDirectory orgs, IReadOnlyList<string> roots, string communityId, CancellationToken cancellationToken)
    {
        foreach (var root in roots)
        {
            if (await orgs.CoversAsync(root, communityId, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }
}
