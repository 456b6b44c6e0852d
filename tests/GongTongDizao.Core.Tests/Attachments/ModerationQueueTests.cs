using System.Runtime.CompilerServices;
using GongTongDizao.Core.Auth;
using GongTongDizao.Core.Common;
using GongTongDizao.Core.ContentSafety;
using GongTongDizao.Core.Features.Identity;
using GongTongDizao.Core.Moderation;
using GongTongDizao.WeChat;
using Microsoft.Extensions.Logging.Abstractions;

namespace GongTongDizao.Core.Tests.Attachments;

public sealed class ModerationQueueTests
{
    private static readonly Caller s_moderator = Person(new RoleAssignment(Role.Moderator, "420106", DateTimeOffset.UnixEpoch));
    private static readonly Caller s_resident = Person();

    [Fact]
    public async Task Pages_walk_every_source_once_in_item_type_order()
    {
        var sources = new[] { new FakeSource("topic", 7), new FakeSource("image", 25), new FakeSource("letter", 13) };
        var queue = new ListModerationQueue(sources, PageTokensTests.Create());

        var seen = new List<ModerationItem>();
        string? continuation = null;
        var pages = 0;
        do
        {
            var page = await queue.HandleAsync(s_moderator, continuation, CancellationToken.None);
            Assert.True(page.IsSuccess);
            Assert.True(page.Value.Items.Count <= ListModerationQueue.PageSize);
            seen.AddRange(page.Value.Items);
            continuation = page.Value.Continuation;
            pages++;
        }
        while (continuation is not null);

        Assert.Equal(3, pages);
        Assert.Equal(45, seen.Count);
        Assert.Equal(45, seen.Select(i => $"{i.ItemType}:{i.ItemId}").Distinct().Count());
        Assert.Equal(["image", "letter", "topic"], seen.Select(i => i.ItemType).Distinct());
        Assert.All(sources, s => Assert.Equal(["420106"], s.LastRoots));
    }

    [Fact]
    public async Task A_full_last_page_has_no_continuation()
    {
        var page = await new ListModerationQueue([new FakeSource("image", ListModerationQueue.PageSize)], PageTokensTests.Create()).HandleAsync(s_moderator, null, CancellationToken.None);

        Assert.Equal(ListModerationQueue.PageSize, page.Value!.Items.Count);
        Assert.Null(page.Value.Continuation);
    }

    [Fact]
    public async Task Only_moderators_see_the_queue_and_a_forged_continuation_is_refused()
    {
        var queue = new ListModerationQueue([new FakeSource("image", 3)], PageTokensTests.Create());

        var resident = await queue.HandleAsync(s_resident, null, CancellationToken.None);
        var forged = await queue.HandleAsync(s_moderator, "not-a-token!", CancellationToken.None);
        var unsealed = await queue.HandleAsync(s_moderator, "bTE6MDoyMA", CancellationToken.None);

        Assert.Equal(ErrorCodes.Forbidden, resident.Error?.Code);
        Assert.Equal(ErrorCodes.ValidationFailed, forged.Error?.Code);
        Assert.True(forged.Error!.Errors!.ContainsKey("continuation"));
        Assert.Equal(ErrorCodes.ValidationFailed, unsealed.Error?.Code);
    }

    [Fact]
    public async Task A_decision_goes_to_the_source_of_its_item_type()
    {
        var image = new FakeSource("image", 1);
        var letter = new FakeSource("letter", 1);
        var decide = new DecideModerationItem([image, letter], new FakeGuard());

        var approved = await decide.HandleAsync(s_moderator, "letter", "letter-0", approve: true, reason: null, CancellationToken.None);
        var rejected = await decide.HandleAsync(s_moderator, "image", "image-0", approve: false, reason: "  含有个人隐私  ", CancellationToken.None);
        var unknown = await decide.HandleAsync(s_moderator, "poll", "x", approve: true, reason: null, CancellationToken.None);
        var byResident = await decide.HandleAsync(s_resident, "image", "image-0", approve: true, reason: null, CancellationToken.None);

        Assert.True(approved.IsSuccess);
        Assert.True(rejected.IsSuccess);
        Assert.Equal([("letter-0", true, (string?)null)], letter.Decisions);
        Assert.Equal([("image-0", false, (string?)"含有个人隐私")], image.Decisions);
        Assert.Equal(ErrorCodes.NotFound, unknown.Error?.Code);
        Assert.Equal(ErrorCodes.Forbidden, byResident.Error?.Code);
    }

    [Fact]
    public async Task A_rejection_reason_the_author_will_read_passes_the_text_check_first()
    {
        var image = new FakeSource("image", 1);
        var decide = new DecideModerationItem([image], new FakeGuard(ContentVerdict.Reject));

        var refused = await decide.HandleAsync(s_moderator, "image", "image-0", approve: false, reason: "违规的理由", CancellationToken.None);

        Assert.Equal(ErrorCodes.ContentRejected, refused.Error?.Code);
        Assert.Empty(image.Decisions);
    }

    private sealed class FakeGuard(ContentVerdict verdict = ContentVerdict.Publish) : ContentGuard(null!, NullLogger<ContentGuard>.Instance)
    {
        public override Task<ContentVerdict> CheckAsync(string openId, ContentCheckScene scene, string? title, string content, CancellationToken cancellationToken) => Task.FromResult(verdict);
    }

    [Fact]
    public void A_reject_needs_a_reason()
    {
        var validator = new RejectModerationItemValidator();

        Assert.False(validator.Validate(new RejectModerationItemRequest("")).IsValid);
        Assert.False(validator.Validate(new RejectModerationItemRequest(new string('字', 201))).IsValid);
        Assert.True(validator.Validate(new RejectModerationItemRequest("图片含有他人肖像")).IsValid);
    }

    private static Caller Person(params RoleAssignment[] roles) =>
        new(new UserAccount { Id = "u" + Guid.NewGuid().ToString("N")[..8], OpenId = "o", CreatedAt = DateTimeOffset.UnixEpoch, Roles = roles });

    private sealed class FakeSource(string itemType, int count) : IModerationSource
    {
        public string ItemType => itemType;

        public IReadOnlyList<string>? LastRoots { get; private set; }

        public List<(string ItemId, bool Approve, string? Reason)> Decisions { get; } = [];

        public async IAsyncEnumerable<ModerationItem> HeldAsync(IReadOnlyList<string> scopeRootOrgIds, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            LastRoots = scopeRootOrgIds;
            for (var i = 0; i < count; i++)
            {
                await Task.Yield();
                yield return new ModerationItem($"{itemType}-{i}", itemType, "420106001001", "待人工复核", null, DateTimeOffset.UnixEpoch.AddMinutes(i));
            }
        }

        public Task<Result<NoContent>> DecideAsync(Caller moderator, string itemId, bool approve, string? reason, CancellationToken cancellationToken)
        {
            Decisions.Add((itemId, approve, reason));
            return Task.FromResult<Result<NoContent>>(new NoContent());
        }
    }
}
