using GongTongDizao.Core.Auth;
using GongTongDizao.Core.Common;
using GongTongDizao.Core.Features.Identity;
using GongTongDizao.Core.Features.Letters;
using GongTongDizao.Core.Features.Notifications;
using GongTongDizao.Core.Timers;
using GongTongDizao.WeChat.Simulator;

namespace GongTongDizao.Core.Tests.Handlers;

/// <summary>The identity use cases through the real Core container: login, phone link, deletion, role grants.</summary>
[Collection(HandlersCollection.Name)]
public sealed class IdentityHandlerTests(HandlerFixture fixture) : HandlerTest(fixture)
{
    [Fact]
    public async Task A_first_login_creates_an_account_linked_to_the_openid_and_issues_a_token_from_the_clock()
    {
        var code = $"dev-{Guid.NewGuid():N}";

        var result = await Scope.Get<Login>().HandleAsync(new LoginRequest(code), CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Equal(HandlerScope.Start.AddHours(2), result.Value.ExpiresAt);
        Assert.False(string.IsNullOrEmpty(result.Value.Token));
        var users = Scope.Get<UserStore>();
        Assert.Equal(result.Value.User.Id, await users.FindIdByOpenIdAsync(WeChatSimulator.OpenIdFor(code), CancellationToken.None));
        var account = await users.FindAsync(result.Value.User.Id, CancellationToken.None);
        Assert.Equal(HandlerScope.Start, account!.CreatedAt);
        Assert.Equal(HandlerScope.Start, account.LastLoginAt);
        Assert.NotNull(account.SessionKeyProtected);
    }

    [Fact]
    public async Task A_later_login_with_the_same_openid_reaches_the_same_account_and_records_the_time()
    {
        var code = $"dev-{Guid.NewGuid():N}";
        var first = await Scope.Get<Login>().HandleAsync(new LoginRequest(code), CancellationToken.None);
        Scope.Time.Advance(TimeSpan.FromDays(3));

        var second = await Scope.Get<Login>().HandleAsync(new LoginRequest(code), CancellationToken.None);

        Assert.Equal(first.Value!.User.Id, second.Value!.User.Id);
        var account = await Scope.Get<UserStore>().FindAsync(second.Value.User.Id, CancellationToken.None);
        Assert.Equal(HandlerScope.Start, account!.CreatedAt);
        Assert.Equal(HandlerScope.Start.AddDays(3), account.LastLoginAt);
    }

    [Fact]
    public async Task An_unknown_login_code_is_LOGIN_CODE_INVALID()
    {
        var result = await Scope.Get<Login>().HandleAsync(new LoginRequest($"unknown{Guid.NewGuid():N}"), CancellationToken.None);

        Assert.Equal(ErrorCodes.LoginCodeInvalid, result.Error?.Code);
    }

    [Fact]
    public async Task A_user_WeChat_calls_high_risk_is_blocked_and_gets_no_account()
    {
        var code = $"risky-user-{Guid.NewGuid():N}";

        var result = await Scope.Get<Login>().HandleAsync(new LoginRequest(code), CancellationToken.None);

        Assert.Equal(ErrorCodes.WeChatUserBlocked, result.Error?.Code);
    }

    [Fact]
    public async Task Linking_a_phone_stores_it_protected_and_shows_it_masked()
    {
        var person = await Scope.NewPersonAsync(Tree.Community);
        var code = Scope.Simulator.State.IssuePhoneCode("13800001234", person.User.OpenId);
        Scope.Time.Advance(TimeSpan.FromMinutes(5));

        var result = await Scope.Get<LinkPhone>().HandleAsync(person, new LinkPhoneRequest(code), CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Equal("138****1234", result.Value.Phone);
        var account = await Scope.Get<UserStore>().FindAsync(person.Id, CancellationToken.None);
        Assert.Equal("138****1234", account!.PhoneMasked);
        Assert.DoesNotContain("13800001234", account.PhoneProtected, StringComparison.Ordinal);
        Assert.Equal("13800001234", Scope.Get<FieldProtector>().Unprotect(account.PhoneProtected!));
        Assert.Equal(HandlerScope.Start.AddMinutes(5), account.UpdatedAt);
    }

    [Fact]
    public async Task A_phone_code_works_once()
    {
        var person = await Scope.NewPersonAsync(Tree.Community);
        var code = Scope.Simulator.State.IssuePhoneCode("13900005678", person.User.OpenId);
        await Scope.Get<LinkPhone>().HandleAsync(person, new LinkPhoneRequest(code), CancellationToken.None);
        var linked = new Caller((await Scope.Get<UserStore>().FindAsync(person.Id, CancellationToken.None))!);

        var again = await Scope.Get<LinkPhone>().HandleAsync(linked, new LinkPhoneRequest(code), CancellationToken.None);

        Assert.Equal(ErrorCodes.PhoneCodeInvalid, again.Error?.Code);
    }

    [Fact]
    public async Task An_unknown_phone_code_is_PHONE_CODE_INVALID_and_nothing_is_stored()
    {
        var person = await Scope.NewPersonAsync(Tree.Community);

        var result = await Scope.Get<LinkPhone>().HandleAsync(person, new LinkPhoneRequest($"nope{Guid.NewGuid():N}"), CancellationToken.None);

        Assert.Equal(ErrorCodes.PhoneCodeInvalid, result.Error?.Code);
        var account = await Scope.Get<UserStore>().FindAsync(person.Id, CancellationToken.None);
        Assert.Null(account!.PhoneProtected);
        Assert.Null(account.PhoneMasked);
    }

    [Fact]
    public async Task Deleting_me_removes_the_account_and_its_openid_link_and_takes_my_name_off_my_letters()
    {
        var person = await Scope.NewPersonAsync(Tree.Community, "要删除的人");
        var submitted = await Scope.Get<SubmitLetter>().HandleAsync(person, new SubmitLetterRequest(LetterCategory.Employment, "想咨询社区的招聘会", "请问最近有招聘会吗？", false, []), CancellationToken.None);
        var letterId = ((LetterView)submitted.Value!.Value).Id;

        var result = await Scope.Get<DeleteMe>().HandleAsync(person, CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error?.ToString());
        var users = Scope.Get<UserStore>();
        Assert.Null(await users.FindAsync(person.Id, CancellationToken.None));
        Assert.Null(await users.FindIdByOpenIdAsync(person.User.OpenId, CancellationToken.None));
        var letter = await Scope.Get<LetterStore>().FindAsync(letterId, CancellationToken.None);
        Assert.NotEqual(person.Id, letter!.AuthorId);
        Assert.NotEqual("要删除的人", letter.AuthorName);
    }

    [Fact]
    public async Task Deletion_schedules_later_erasures_that_remove_what_an_event_under_way_wrote_after_it()
    {
        var person = await Scope.NewPersonAsync(Tree.Community);
        var inbox = Scope.Get<InboxStore>();

        await Scope.Get<DeleteMe>().HandleAsync(person, CancellationToken.None);
        // What an event handled at the moment of deletion writes after it: an inbox item under the old id.
        var late = InboxItemFor(person.Id);
        var written = await inbox.TryCreateAsync(late, CancellationToken.None);
        var passes = Scope.Scheduled.Where(m => m.Kind == LateWriteErasure.TimerKind && m.EntityId == person.Id).ToList();
        await Scope.Get<LateWriteErasure>().HandleAsync(passes[0], CancellationToken.None);

        Assert.True(written);
        Assert.Equal([HandlerScope.Start.AddMinutes(30), HandlerScope.Start.AddDays(1)], passes.Select(m => m.DueAt).Order());
        Assert.Null(await inbox.FindAsync(person.Id, late.Id, CancellationToken.None));
    }

    [Fact]
    public async Task A_later_erasure_for_an_account_that_still_exists_erases_nothing()
    {
        var person = await Scope.NewPersonAsync(Tree.Community);
        var inbox = Scope.Get<InboxStore>();
        var item = InboxItemFor(person.Id);
        await inbox.TryCreateAsync(item, CancellationToken.None);

        await Scope.Get<LateWriteErasure>().HandleAsync(new TimerMessage(LateWriteErasure.TimerKind, person.Id, person.Id, HandlerScope.Start), CancellationToken.None);

        Assert.NotNull(await inbox.FindAsync(person.Id, item.Id, CancellationToken.None));
    }

    [Fact]
    public async Task After_deletion_the_same_WeChat_user_logs_in_to_a_new_account()
    {
        var code = $"dev-{Guid.NewGuid():N}";
        var first = await Scope.Get<Login>().HandleAsync(new LoginRequest(code), CancellationToken.None);
        var account = await Scope.Get<UserStore>().FindAsync(first.Value!.User.Id, CancellationToken.None);
        await Scope.Get<DeleteMe>().HandleAsync(new Caller(account!), CancellationToken.None);

        var again = await Scope.Get<Login>().HandleAsync(new LoginRequest(code), CancellationToken.None);

        Assert.True(again.IsSuccess, again.Error?.ToString());
        Assert.NotEqual(first.Value.User.Id, again.Value.User.Id);
    }

    [Fact]
    public async Task Granting_a_role_stores_it_with_its_scope_and_audits_it()
    {
        var person = await Scope.NewPersonAsync(Tree.Community, "新团干部");
        Scope.Time.Advance(TimeSpan.FromHours(1));

        var result = await Scope.Get<GrantRole>().HandleAsync(person.Id, new GrantRoleRequest(Role.YouthLeagueWorker, Tree.Street), CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Equal(Role.YouthLeagueWorker, Assert.Single(result.Value.Roles).Role);
        var account = await Scope.Get<UserStore>().FindAsync(person.Id, CancellationToken.None);
        Assert.Equal(new RoleAssignment(Role.YouthLeagueWorker, Tree.Street, HandlerScope.Start.AddHours(1)), Assert.Single(account!.Roles));
        Assert.Contains(account.StaffScopeIndex, s => s.Contains(Tree.Street, StringComparison.Ordinal));
        var audit = Assert.Single(await Scope.AuditOfAsync(person.Id));
        Assert.Equal("role.granted", audit.Action);
        Assert.Equal($"{Role.YouthLeagueWorker}@{Tree.Street}", audit.To);
    }

    [Fact]
    public async Task Granting_the_same_role_twice_keeps_one_assignment_and_one_audit_entry()
    {
        var person = await Scope.NewPersonAsync(Tree.Community);
        var request = new GrantRoleRequest(Role.WomenRepresentative, Tree.Community);

        await Scope.Get<GrantRole>().HandleAsync(person.Id, request, CancellationToken.None);
        var again = await Scope.Get<GrantRole>().HandleAsync(person.Id, request, CancellationToken.None);

        Assert.True(again.IsSuccess, again.Error?.ToString());
        Assert.Single((await Scope.Get<UserStore>().FindAsync(person.Id, CancellationToken.None))!.Roles);
        Assert.Single(await Scope.AuditOfAsync(person.Id));
    }

    [Fact]
    public async Task A_grant_for_an_unknown_org_or_person_changes_nothing()
    {
        var person = await Scope.NewPersonAsync(Tree.Community);

        var unknownOrg = await Scope.Get<GrantRole>().HandleAsync(person.Id, new GrantRoleRequest(Role.Moderator, "X" + Guid.NewGuid().ToString("N")[..12]), CancellationToken.None);
        var unknownPerson = await Scope.Get<GrantRole>().HandleAsync(UserIds.NewId(), new GrantRoleRequest(Role.Moderator, Tree.Street), CancellationToken.None);

        Assert.Equal(ErrorCodes.ValidationFailed, unknownOrg.Error?.Code);
        Assert.True(unknownOrg.Error!.Errors!.ContainsKey("orgId"));
        Assert.Equal(ErrorCodes.NotFound, unknownPerson.Error?.Code);
        Assert.Empty((await Scope.Get<UserStore>().FindAsync(person.Id, CancellationToken.None))!.Roles);
    }

    [Fact]
    public async Task A_granted_youth_worker_may_then_accept_letters_in_their_scope()
    {
        var author = await Scope.NewPersonAsync(Tree.Community);
        var submitted = await Scope.Get<SubmitLetter>().HandleAsync(author, new SubmitLetterRequest(LetterCategory.Housing, "租房咨询", "想了解青年公寓。", false, []), CancellationToken.None);
        var letterId = ((LetterView)submitted.Value!.Value).Id;
        var person = await Scope.NewPersonAsync(null, "新团干部");
        var before = await Scope.Get<AcceptLetter>().HandleAsync(person, letterId, CancellationToken.None);

        await Scope.Get<GrantRole>().HandleAsync(person.Id, new GrantRoleRequest(Role.YouthLeagueWorker, Tree.Street), CancellationToken.None);
        var granted = new Caller((await Scope.Get<UserStore>().FindAsync(person.Id, CancellationToken.None))!);
        var after = await Scope.Get<AcceptLetter>().HandleAsync(granted, letterId, CancellationToken.None);

        Assert.Equal(ErrorCodes.NotFound, before.Error?.Code);
        Assert.True(after.IsSuccess, after.Error?.ToString());
    }

    private static InboxItem InboxItemFor(string userId) => new()
    {
        Id = NotificationKinds.InboxId(Guid.NewGuid().ToString("N")),
        UserId = userId,
        EventId = Guid.NewGuid().ToString("N"),
        EventType = "letter.assigned",
        EntityType = "letter",
        EntityId = Guid.NewGuid().ToString("N"),
        OrgId = "420106001",
        Title = "您有一封待办信件",
        CreatedAt = HandlerScope.Start,
    };
}
