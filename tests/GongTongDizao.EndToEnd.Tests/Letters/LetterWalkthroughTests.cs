using System.Text.Json;
using GongTongDizao.Core.Features.Letters;
using GongTongDizao.Core.Privacy;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.EndToEnd.Tests.Letters;

[Collection(LettersCollection.Name)]
public sealed class LetterWalkthroughTests(LettersFixture host)
{
    [Fact]
    public async Task Resident_submits_staff_list_accept_and_reply_resident_reopens_once_then_the_letter_closes()
    {
        var (resident, _) = await host.NewResidentAsync();
        var staff = await host.YouthWorkerAsync();

        var submitted = await host.SubmitAsync(resident, title: "周末能不能开放社区自习室？", category: "daily_life");
        var id = submitted.GetProperty("id").GetString()!;
        var listed = await host.StaffListAsync(staff, $"orgId={LettersFixture.Community}&status=submitted&category=daily_life&pageSize=50");
        var (accepted, acceptedView) = await host.ActAsync(staff, id, "accept");
        var (replied, repliedView) = await host.ActAsync(staff, id, "reply", new { content = "已协调社区活动室，每周六 9:00–17:00 开放。" });
        var (reopened, reopenedView) = await host.ActAsync(resident, id, "evaluation", new { resolved = false, satisfaction = 2, comment = "周日也需要" });
        var (again, _) = await host.ActAsync(staff, id, "reply", new { content = "周日也已安排开放。" });
        var (closed, closedView) = await host.ActAsync(resident, id, "evaluation", new { resolved = false, satisfaction = 3 });
        var (late, lateProblem) = await host.ActAsync(resident, id, "withdraw");
        var final = await host.GetAsync(resident, id);

        Assert.Equal("submitted", submitted.GetProperty("status").GetString());
        Assert.StartsWith(LettersFixture.Community + "~", id, StringComparison.Ordinal);
        Assert.Contains(listed, l => l.GetProperty("id").GetString() == id);
        Assert.Equal((200, "accepted"), (accepted, acceptedView.GetProperty("status").GetString()));
        Assert.Equal((200, "replied"), (replied, repliedView.GetProperty("status").GetString()));
        Assert.Equal((200, "reopened"), (reopened, reopenedView.GetProperty("status").GetString()));
        Assert.True(reopenedView.GetProperty("reopenedOnce").GetBoolean());
        Assert.Equal(200, again);
        // The second "not resolved" cannot reopen again: the letter closes with that evaluation.
        Assert.Equal((200, "closed"), (closed, closedView.GetProperty("status").GetString()));
        Assert.Equal(409, late);
        Assert.Equal("INVALID_STATE", lateProblem.GetProperty("code").GetString());
        Assert.Equal(2, final.GetProperty("replies").GetArrayLength());
        Assert.Equal(
            ["submitted", "accepted", "replied", "reopened", "replied", "closed"],
            final.GetProperty("timeline").EnumerateArray().Select(s => s.GetProperty("status").GetString()!).ToArray());
        Assert.False(final.GetProperty("evaluation").GetProperty("resolved").GetBoolean());
        Assert.Empty(final.GetProperty("allowedActions").EnumerateArray());
    }

    [Fact]
    public async Task Mine_pages_with_continuation_tokens_and_shows_only_the_callers_letters()
    {
        var (resident, _) = await host.NewResidentAsync();
        var (other, _) = await host.NewResidentAsync();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await host.SubmitAsync(resident, title: $"第{i}封信")).GetProperty("id").GetString()!);
        }

        await host.SubmitAsync(other);

        var (s1, first) = await host.SendAsync(HttpMethod.Get, "api/letters/mine?pageSize=2", resident);
        var token = first.GetProperty("continuation").GetString()!;
        var (s2, second) = await host.SendAsync(HttpMethod.Get, $"api/letters/mine?pageSize=2&continuation={Uri.EscapeDataString(token)}", resident);
        var (bad, problem) = await host.SendAsync(HttpMethod.Get, "api/letters/mine?pageSize=500", resident);

        Assert.Equal((200, 200), (s1, s2));
        var seen = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(l => l.GetProperty("id").GetString()!).ToList();
        Assert.Equal(ids.AsEnumerable().Reverse(), seen);
        Assert.False(second.TryGetProperty("continuation", out _));
        Assert.Equal(400, bad);
        Assert.True(problem.GetProperty("errors").TryGetProperty("pageSize", out _));
    }

    [Fact]
    public async Task Staff_outside_the_letters_scope_can_neither_see_nor_act_and_a_transfer_moves_the_scope()
    {
        var (resident, _) = await host.NewResidentAsync();
        var staff = await host.YouthWorkerAsync();
        var outsider = await host.LoginAsync($"dev-{Guid.NewGuid():N}");
        var (_, me) = await host.SendAsync(HttpMethod.Get, "api/me", outsider);
        var (granted, _) = await host.SendAsync(HttpMethod.Post, $"api/manage/users/{me.GetProperty("id").GetString()}/roles", body: new { role = "youthLeagueWorker", orgId = "420106008" }, functionKey: Testing.DevHostFixture.FunctionKey);
        var id = (await host.SubmitAsync(resident)).GetProperty("id").GetString()!;

        var (read, _) = await host.SendAsync(HttpMethod.Get, $"api/letters/{id}", outsider);
        var (accept, _) = await host.ActAsync(outsider, id, "accept");
        var (foreignOrg, _) = await host.SendAsync(HttpMethod.Get, $"api/staff/letters?orgId={LettersFixture.Street}", outsider);
        var ownList = await host.StaffListAsync(outsider, "pageSize=50");
        var (residentAccept, _) = await host.ActAsync(resident, id, "accept");
        var (transferred, view) = await host.ActAsync(staff, id, "transfer", new { orgId = "420106", reason = "涉及全区政策，请区团委答复" });
        var (afterTransfer, _) = await host.SendAsync(HttpMethod.Get, $"api/letters/{id}", staff);
        var streetList = await host.StaffListAsync(staff, $"orgId={LettersFixture.Community}&pageSize=50");

        Assert.Equal(200, granted);
        Assert.Equal(404, read);
        Assert.Equal(404, accept);
        Assert.Equal(403, foreignOrg);
        Assert.DoesNotContain(ownList, l => l.GetProperty("id").GetString() == id);
        Assert.Equal(403, residentAccept);
        Assert.Equal(200, transferred);
        Assert.Equal("420106", view.GetProperty("handlingOrg").GetProperty("id").GetString());
        // The street's worker no longer handles a letter the district took over.
        Assert.Equal(404, afterTransfer);
        Assert.DoesNotContain(streetList, l => l.GetProperty("id").GetString() == id);
    }

    [Fact]
    public async Task Assign_needs_a_colleague_in_scope_and_moves_the_letter_in_progress()
    {
        var (resident, residentId) = await host.NewResidentAsync();
        var staff = await host.YouthWorkerAsync();
        var (_, staffMe) = await host.SendAsync(HttpMethod.Get, "api/me", staff);
        var id = (await host.SubmitAsync(resident)).GetProperty("id").GetString()!;
        await host.ActAsync(staff, id, "accept");
        var due = DateTimeOffset.UtcNow.AddDays(3);

        var (toResident, problem) = await host.ActAsync(staff, id, "assign", new { staffUserId = residentId, dueAt = due });
        var (assigned, view) = await host.ActAsync(staff, id, "assign", new { staffUserId = staffMe.GetProperty("id").GetString(), dueAt = due });
        var residentView = await host.GetAsync(resident, id);

        Assert.Equal(400, toResident);
        Assert.True(problem.GetProperty("errors").TryGetProperty("staffUserId", out _));
        Assert.Equal((200, "in_progress"), (assigned, view.GetProperty("status").GetString()));
        Assert.Equal("团委王老师", view.GetProperty("assignee").GetProperty("displayName").GetString());
        Assert.False(residentView.TryGetProperty("assignee", out _));
    }

    [Fact]
    public async Task A_letter_can_be_closed_as_a_duplicate_of_another_in_scope()
    {
        var (resident, _) = await host.NewResidentAsync();
        var staff = await host.YouthWorkerAsync();
        var original = (await host.SubmitAsync(resident)).GetProperty("id").GetString()!;
        var copy = (await host.SubmitAsync(resident)).GetProperty("id").GetString()!;

        var (self, _) = await host.ActAsync(staff, copy, "duplicate", new { ofLetterId = copy });
        var (ok, view) = await host.ActAsync(staff, copy, "duplicate", new { ofLetterId = original });

        Assert.Equal(400, self);
        Assert.Equal((200, "duplicate"), (ok, view.GetProperty("status").GetString()));
        Assert.Equal(original, view.GetProperty("duplicateOf").GetString());
    }

    [Fact]
    public async Task The_personal_data_export_holds_the_callers_letters_and_deletion_forgets_the_author()
    {
        var (resident, userId) = await host.NewResidentAsync();
        var id = (await host.SubmitAsync(resident, title: "导出测试")).GetProperty("id").GetString()!;

        var (status, export) = await host.SendAsync(HttpMethod.Get, "api/me/export", resident);
        await host.Services.GetServices<IPersonalDataSource>().OfType<LetterPersonalData>().Single().AnonymiseAsync(userId, "deleted-test", CancellationToken.None);
        var stored = await host.Services.GetRequiredService<LetterStore>().FindAsync(id, CancellationToken.None);

        Assert.Equal(200, status);
        Assert.Contains(export.GetProperty("records").GetProperty("letters").EnumerateArray(), l => l.GetProperty("id").GetString() == id && l.GetProperty("title").GetString() == "导出测试");
        Assert.Equal("deleted-test", stored!.AuthorId);
        Assert.Null(stored.AuthorName);
        Assert.DoesNotContain(userId, JsonSerializer.Serialize(stored), StringComparison.Ordinal);
    }
}
