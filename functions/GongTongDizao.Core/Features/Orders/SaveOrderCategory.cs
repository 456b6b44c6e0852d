using System.Text.RegularExpressions;
using GongTongDizao.Core.Audit;

namespace GongTongDizao.Core.Features.Orders;

/// <summary>One entry as an administrator sets it: its name, an optional description, and whether residents can choose it.</summary>
public sealed record SaveOrderCategoryRequest(string Name, string? Description, bool? Active);

public sealed partial class SaveOrderCategoryValidator : AbstractValidator<SaveOrderCategoryRequest>
{
    public SaveOrderCategoryValidator()
    {
        RuleFor(r => r.Name).NotEmpty().WithMessage("请填写类别名称").Text(2, OrderCategories.MaxNameLength)
            .Must(n => n is null || HanCharacter().IsMatch(n)).WithMessage("类别名称须为中文");
        RuleFor(r => r.Description).Text(0, OrderCategories.MaxDescriptionLength);
    }

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex HanCharacter();
}

/// <summary>
/// An administrator adds, renames, describes, retires or restores one entry of the service menu (function key). An
/// entry is never deleted: orders and teams keep its code, and retiring only takes it off the order form. The first
/// edit stores the built-in menu with the change. Writes are conditional on the menu's ETag: with <c>If-Match</c> a
/// stale version is refused; without it a lost race re-reads and applies the change again, so two administrators
/// editing different entries at once both land.
/// </summary>
public sealed partial class SaveOrderCategory(OrderMenu menu, AuditLog audit, TimeProvider time)
{
    private const int MaxAttempts = 5;

    public async Task<Result<ManagedOrderCategoryList>> HandleAsync(string code, SaveOrderCategoryRequest request, string? ifMatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrEmpty(code) || !CodeFormat().IsMatch(code))
        {
            return Error.Validation("code", "类别代码须为 2 到 32 位小写字母、数字或下划线，以字母开头");
        }

        var wanted = new OrderCategory(code, request.Name.Trim(), string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim(), request.Active ?? true);
        for (var attempt = 1; ; attempt++)
        {
            var stored = await menu.FindAsync(cancellationToken);
            var version = stored?.ETag ?? OrderMenu.DefaultVersion;
            if (!string.IsNullOrEmpty(ifMatch) && ifMatch.Trim('"') != version.Trim('"'))
            {
                return Error.From(ErrorCodes.ConcurrentChange);
            }

            var entries = stored?.Items ?? OrderCategories.Defaults;
            var before = entries.FirstOrDefault(c => c.Code == code);
            if (entries.Any(c => c.Code != code && c.Active && wanted.Active && c.Name == wanted.Name))
            {
                return Error.Validation("name", "已有同名的服务类别");
            }

            if (before is null && entries.Count >= OrderCategories.MaxEntries)
            {
                return Error.Validation("code", $"服务菜单最多 {OrderCategories.MaxEntries} 个类别");
            }

            if (before is not null && before with { UpdatedAt = null } == wanted)
            {
                return ListManagedOrderCategories.View(stored);
            }

            var entry = wanted with { UpdatedAt = time.GetUtcNow() };
            var items = before is null ? [.. entries, entry] : entries.Select(c => c.Code == code ? entry : c).ToList();
            var saved = stored is null
                ? await menu.TryCreateAsync(new OrderMenuDocument { Items = items }, cancellationToken)
                : await menu.TryReplaceAsync(stored with { Items = items }, cancellationToken);
            if (saved is not null)
            {
                await audit.AppendAsync("order_menu", OrderMenu.DocumentId, Action(before, entry), AuditLog.AdminActor, Describe(before), Describe(entry), cancellationToken: cancellationToken);
                return ListManagedOrderCategories.View(saved);
            }

            if (!string.IsNullOrEmpty(ifMatch) || attempt >= MaxAttempts)
            {
                return Error.From(ErrorCodes.ConcurrentChange);
            }
        }
    }

    private static string Action(OrderCategory? before, OrderCategory after) =>
        before is null ? "order_category.added"
        : before.Active && !after.Active ? "order_category.retired"
        : !before.Active && after.Active ? "order_category.restored"
        : "order_category.updated";

    private static string? Describe(OrderCategory? entry) =>
        entry is null ? null : $"{entry.Code}:{entry.Name}{(entry.Active ? string.Empty : "(停用)")}";

    [GeneratedRegex(OrderCategories.CodePattern)]
    private static partial Regex CodeFormat();
}
