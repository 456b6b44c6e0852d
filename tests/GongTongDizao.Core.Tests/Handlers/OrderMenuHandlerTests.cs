using GongTongDizao.Core.Common;
using GongTongDizao.Core.Features.Identity;
using GongTongDizao.Core.Features.Orders;
using GongTongDizao.Core.Features.Volunteers;
using GongTongDizao.Core.Storage;

namespace GongTongDizao.Core.Tests.Handlers;

/// <summary>
/// The service menu administrators maintain, through the real Core container. The menu is one document every test
/// shares, so each test owns a fixed code of its own (set to a known state first, so a rerun on a running emulator
/// starts the same) and never touches the built-in entries other tests order from.
/// </summary>
[Collection(HandlersCollection.Name)]
public sealed class OrderMenuHandlerTests(HandlerFixture fixture) : HandlerTest(fixture)
{
    [Fact]
    public async Task An_added_category_is_on_the_order_form_and_a_retired_one_only_on_the_administrators_list()
    {
        const string code = "handler_menu_listed";
        await SaveAsync(code, new SaveOrderCategoryRequest("心理疏导", "倾听陪伴、情绪疏导", true));

        var form = (await Scope.Get<ListOrderCategories>().HandleAsync(CancellationToken.None)).Value!;
        Assert.Contains(new OrderCategoryOption(code, "心理疏导", "倾听陪伴、情绪疏导"), form.Items);

        var retired = await SaveAsync(code, new SaveOrderCategoryRequest("心理疏导", "倾听陪伴、情绪疏导", false));

        Assert.False(retired.Items.Single(c => c.Code == code).Active);
        Assert.DoesNotContain((await Scope.Get<ListOrderCategories>().HandleAsync(CancellationToken.None)).Value!.Items, c => c.Code == code);
        var managed = (await Scope.Get<ListManagedOrderCategories>().HandleAsync(CancellationToken.None)).Value!;
        Assert.True(managed.Stored);
        Assert.Contains(managed.Items, c => c is { Code: code, Active: false, Name: "心理疏导" });
        Assert.Equal("order_category.retired", await LastActionOnAsync(code));
    }

    [Fact]
    public async Task The_first_edit_keeps_every_built_in_category_and_an_unedited_deployment_offers_them()
    {
        await SaveAsync("handler_menu_builtin", new SaveOrderCategoryRequest("楼道照明", null, true));

        var managed = (await Scope.Get<ListManagedOrderCategories>().HandleAsync(CancellationToken.None)).Value!;
        Assert.Subset(managed.Items.Select(c => c.Code).ToHashSet(), OrderCategories.Defaults.Select(c => c.Code).ToHashSet());
        var unedited = ListManagedOrderCategories.View(null);
        Assert.Equal((OrderMenu.DefaultVersion, false), (unedited.Version, unedited.Stored));
        Assert.Equal(["elder_care", "errands", "digital_help", "tutoring", "companionship", "cleanup", "other"], unedited.Items.Select(c => c.Code));
    }

    [Fact]
    public async Task An_order_takes_an_active_category_with_its_name_and_keeps_that_name_after_a_rename()
    {
        const string code = "handler_menu_rename";
        await SaveAsync(code, new SaveOrderCategoryRequest("旧物回收", null, true));
        var resident = await Scope.NewPersonAsync(Tree.Community);

        var placed = await Scope.Get<PlaceOrder>().HandleAsync(resident, Form(code), CancellationToken.None);

        Assert.True(placed.IsSuccess, placed.Error?.ToString());
        var view = (OrderView)placed.Value!.Value;
        Assert.Equal((code, "旧物回收"), (view.Category, view.CategoryLabel));
        await SaveAsync(code, new SaveOrderCategoryRequest("废旧物品回收", null, true));
        var reread = await Scope.Get<GetOrder>().HandleAsync(resident, view.Id, CancellationToken.None);
        Assert.Equal("旧物回收", reread.Value!.CategoryLabel);
    }

    [Fact]
    public async Task A_retired_or_unknown_category_refuses_an_order_a_staff_order_and_a_new_team()
    {
        const string code = "handler_menu_retired";
        await SaveAsync(code, new SaveOrderCategoryRequest("临时类别", null, true));
        await SaveAsync(code, new SaveOrderCategoryRequest("临时类别", null, false));
        var resident = await Scope.NewPersonAsync(Tree.Community);
        var staff = await Scope.NewPersonAsync(Tree.Community, "团委小李", (Role.YouthLeagueWorker, Tree.Street));

        var retired = await Scope.Get<PlaceOrder>().HandleAsync(resident, Form(code), CancellationToken.None);
        var unknown = await Scope.Get<PlaceOrder>().HandleAsync(resident, Form("no_such_category"), CancellationToken.None);
        var onBehalf = await Scope.Get<PlaceOrderForResident>().HandleAsync(staff, OnBehalfForm(code), CancellationToken.None);
        var team = await Scope.Get<CreateTeam>().HandleAsync(staff, new CreateTeamRequest("测试服务队", TeamKind.VolunteerTeam, Tree.Street, [staff.Id], ["digital_help", code], null), CancellationToken.None);

        Assert.All(new[] { retired.Error, unknown.Error, onBehalf.Error, team.Error }, e => Assert.Equal(ErrorCodes.OrderCategoryUnavailable, e?.Code));
        Assert.Equal((422, "该服务类别已停用或不存在，请重新选择"), (retired.Error!.Status, retired.Error.Title));
        Assert.Empty(await FeedReads.ToListAsync(Scope.Get<OrderStore>().ByRequesterAsync(resident.Id, CancellationToken.None), CancellationToken.None));
    }

    [Fact]
    public async Task A_staff_order_and_a_team_take_a_restored_category()
    {
        const string code = "handler_menu_restored";
        await SaveAsync(code, new SaveOrderCategoryRequest("助残陪护", null, false));
        var restored = await SaveAsync(code, new SaveOrderCategoryRequest("助残陪护", null, true));
        var staff = await Scope.NewPersonAsync(Tree.Community, "团委小张", (Role.YouthLeagueWorker, Tree.Street));

        var onBehalf = await Scope.Get<PlaceOrderForResident>().HandleAsync(staff, OnBehalfForm(code), CancellationToken.None);
        var team = await Scope.Get<CreateTeam>().HandleAsync(staff, new CreateTeamRequest("助残服务队", TeamKind.VolunteerTeam, Tree.Street, [staff.Id], [code], null), CancellationToken.None);

        Assert.True(restored.Items.Single(c => c.Code == code).Active);
        Assert.True(onBehalf.IsSuccess, onBehalf.Error?.ToString());
        Assert.Equal([code], ((TeamView)team.Value!.Value).Categories);
        Assert.Equal("order_category.restored", await LastActionOnAsync(code));
    }

    [Fact]
    public async Task A_stale_version_is_refused_and_the_current_one_accepted()
    {
        const string code = "handler_menu_version";
        var current = await SaveAsync(code, new SaveOrderCategoryRequest("版本测试", null, true));

        var changed = await Scope.Get<SaveOrderCategory>().HandleAsync(code, new SaveOrderCategoryRequest("版本测试甲", null, true), current.Version, CancellationToken.None);
        var stale = await Scope.Get<SaveOrderCategory>().HandleAsync(code, new SaveOrderCategoryRequest("版本测试乙", null, true), current.Version, CancellationToken.None);

        Assert.True(changed.IsSuccess, changed.Error?.ToString());
        Assert.NotEqual(current.Version, changed.Value!.Version);
        Assert.Equal(ErrorCodes.ConcurrentChange, stale.Error?.Code);
        Assert.Equal("版本测试甲", (await Scope.Get<OrderMenu>().EntriesAsync(CancellationToken.None)).Single(c => c.Code == code).Name);
    }

    [Fact]
    public async Task Two_administrators_editing_different_categories_at_once_both_land()
    {
        await SaveAsync("handler_menu_race_a", new SaveOrderCategoryRequest("并发甲", null, false));
        await SaveAsync("handler_menu_race_b", new SaveOrderCategoryRequest("并发乙", null, false));
        var save = Scope.Get<SaveOrderCategory>();

        var both = await Task.WhenAll(
            save.HandleAsync("handler_menu_race_a", new SaveOrderCategoryRequest("并发甲", null, true), null, CancellationToken.None),
            save.HandleAsync("handler_menu_race_b", new SaveOrderCategoryRequest("并发乙", null, true), null, CancellationToken.None));

        Assert.All(both, r => Assert.True(r.IsSuccess, r.Error?.ToString()));
        var entries = await Scope.Get<OrderMenu>().EntriesAsync(CancellationToken.None);
        Assert.True(entries.Single(c => c.Code == "handler_menu_race_a").Active);
        Assert.True(entries.Single(c => c.Code == "handler_menu_race_b").Active);
    }

    [Theory]
    [InlineData("Bad-Code")]
    [InlineData("1abc")]
    [InlineData("a")]
    [InlineData("abcdefghijklmnopqrstuvwxyz_abcdefg")]
    public async Task A_code_outside_the_format_is_refused(string code)
    {
        var result = await Scope.Get<SaveOrderCategory>().HandleAsync(code, new SaveOrderCategoryRequest("格式测试", null, true), null, CancellationToken.None);

        Assert.Equal(ErrorCodes.ValidationFailed, result.Error?.Code);
        Assert.DoesNotContain(await Scope.Get<OrderMenu>().EntriesAsync(CancellationToken.None), c => c.Code == code);
    }

    [Theory]
    [InlineData("Psychology", false)]
    [InlineData("心", false)]
    [InlineData("一二三四五六七八九十一二三", false)]
    [InlineData("心理疏导", true)]
    [InlineData("K歌陪伴", true)]
    public void A_name_must_be_chinese_and_two_to_twelve_characters(string name, bool valid) =>
        Assert.Equal(valid, new SaveOrderCategoryValidator().Validate(new SaveOrderCategoryRequest(name, null, true)).IsValid);

    /// <summary>
    /// The newest audit line about <paramref name="code"/>: the menu document's trail is shared by every test that edits
    /// the menu, in this class and others, so its last line may be another test's.
    /// </summary>
    private async Task<string> LastActionOnAsync(string code) =>
        (await Scope.AuditOfAsync(OrderMenu.DocumentId)).Last(e => e.To?.StartsWith(code + ":", StringComparison.Ordinal) == true).Action;

    private async Task<ManagedOrderCategoryList> SaveAsync(string code, SaveOrderCategoryRequest request)
    {
        var result = await Scope.Get<SaveOrderCategory>().HandleAsync(code, request, null, CancellationToken.None);
        Assert.True(result.IsSuccess, result.Error?.ToString());
        return result.Value!;
    }

    private PlaceOrderRequest Form(string category) =>
        new(category, "帮忙搬旧家具", "家里有几件旧家具需要搬到楼下回收点。", new OrderPlaceRequest(Tree.Community, "1栋2单元301"), Scope.Time.GetUtcNow().AddDays(1), Scope.Time.GetUtcNow().AddDays(1).AddHours(2), new OrderContactRequest("王阿姨", "13800138000"), null);

    private PlaceOrderForResidentRequest OnBehalfForm(string category) =>
        new("李奶奶", category, "陪同去医院复查", "每月一次的复查，需要有人陪同。", new OrderPlaceRequest(Tree.Community, "2栋101"), Scope.Time.GetUtcNow().AddDays(1), Scope.Time.GetUtcNow().AddDays(1).AddHours(3), new OrderContactRequest("李奶奶", "027-88886666"));
}
