using GongTongDizao.Core.Authorization;
using GongTongDizao.Core.ContentSafety;
using GongTongDizao.WeChat;

namespace GongTongDizao.Core.Moderation;

public sealed record RejectModerationItemRequest(string Reason);

public sealed class RejectModerationItemValidator : AbstractValidator<RejectModerationItemRequest>
{
    public RejectModerationItemValidator() => RuleFor(r => r.Reason).NotEmpty().Text(1, 200, multiline: true);
}

/// <summary>Approves or rejects one held item through the source that owns its type; the source checks scope and audits.</summary>
public sealed class DecideModerationItem(IEnumerable<IModerationSource> sources, ContentGuard guard)
{
    public async Task<Result<NoContent>> HandleAsync(Caller caller, string itemType, string itemId, bool approve, string? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (Authorizer.ScopeRoots(caller.User, Permission.ModerateContent).Count == 0)
        {
            return Error.Forbidden("只有审核员可以处理审核队列");
        }

        var source = sources.FirstOrDefault(s => string.Equals(s.ItemType, itemType, StringComparison.Ordinal));
        if (source is null)
        {
            return Error.NotFound();
        }

        // A rejection's reason is shown to the item's author; an approval's stays in the audit trail.
        if (!approve && await guard.CheckStaffTextAsync(caller.User.OpenId, ContentCheckScene.Comment, [reason], cancellationToken) is { } refused)
        {
            return refused;
        }

        return await source.DecideAsync(caller, itemId, approve, reason?.Trim(), cancellationToken);
    }
}
