using GongTongDizao.Core.Auth;
using GongTongDizao.Core.Common;
using GongTongDizao.Core.Features.Topics;

namespace GongTongDizao.Core.Tests.Handlers;

/// <summary>
/// A document of a topic and the counts it moves are one transactional batch (<see cref="CountedWrites"/>) against the
/// emulator: the topic's count and the community's participations move with the second or the comment, and only with it.
/// </summary>
[Collection(HandlersCollection.Name)]
public sealed class CountedWritesTests(HandlerFixture fixture) : HandlerTest(fixture)
{
    [Fact]
    public async Task A_second_moves_both_counts_once_however_often_it_is_sent_and_its_withdrawal_moves_them_back_once()
    {
        var id = await CreateAsync();
        var neighbour = await Scope.NewPersonAsync(Tree.Community, "邻居");
        var before = await ParticipationsAsync(Scope.Time.GetUtcNow());

        await Scope.Get<SecondTopic>().SecondAsync(neighbour, id, CancellationToken.None);
        await Scope.Get<SecondTopic>().SecondAsync(neighbour, id, CancellationToken.None);

        Assert.Equal(1, (await TopicAsync(id)).SecondCount);
        Assert.Equal(before + 1, await ParticipationsAsync(Scope.Time.GetUtcNow()));

        await Scope.Get<SecondTopic>().WithdrawAsync(neighbour, id, CancellationToken.None);
        var again = await Scope.Get<SecondTopic>().WithdrawAsync(neighbour, id, CancellationToken.None);

        Assert.Equal(new SecondView(id, false, 0, TopicStatus.Proposed), again.Value);
        Assert.Equal(before, await ParticipationsAsync(Scope.Time.GetUtcNow()));
    }

    [Fact]
    public async Task The_first_second_of_a_new_year_creates_the_year_counters_and_counts_in_them()
    {
        // Proposed on 31 December (Beijing), seconded on 1 January: the new year has no counters yet.
        Scope.Time.Advance(new DateTimeOffset(2026, 12, 31, 2, 0, 0, TimeSpan.Zero) - HandlerScope.Start);
        var id = await CreateAsync();
        Scope.Time.Advance(TimeSpan.FromDays(1));
        var now = Scope.Time.GetUtcNow();
        Assert.Equal(2027, ChinaTime.YearOf(now));
        Assert.Null(await RowAsync(now));

        var seconded = await Scope.Get<SecondTopic>().SecondAsync(await Scope.NewPersonAsync(Tree.Community, "邻居"), id, CancellationToken.None);

        Assert.Equal(1, seconded.Value!.SecondCount);
        Assert.Equal(1, (await RowAsync(now))?.Participations);
        Assert.Equal(1, (await RowAsync(now.AddDays(-1)))?.TopicsProposed);
    }

    [Fact]
    public async Task Concurrent_seconds_count_exactly()
    {
        var id = await CreateAsync();
        var seconders = new List<Caller>();
        for (var i = 0; i < 6; i++)
        {
            seconders.Add(await Scope.NewPersonAsync(Tree.Community, $"附议人{i}"));
        }

        // Each person presses twice at once: six seconds, twelve requests.
        await Task.WhenAll(seconders.Concat(seconders).Select(s => Scope.Get<SecondTopic>().SecondAsync(s, id, CancellationToken.None)));

        Assert.Equal(6, (await TopicAsync(id)).SecondCount);
        Assert.Equal(6, await ParticipationsAsync(Scope.Time.GetUtcNow()));
    }

    [Fact]
    public async Task A_comment_counts_as_a_participation_once_and_a_refused_one_not_at_all()
    {
        var id = await CreateAsync();
        var neighbour = await Scope.NewPersonAsync(Tree.Community, "邻居");
        var before = await ParticipationsAsync(Scope.Time.GetUtcNow());

        var added = await Scope.Get<AddComment>().HandleAsync(neighbour, id, new AddCommentRequest(Stance.Support, "支持，楼下确实需要充电桩。"), CancellationToken.None);
        var refused = await Scope.Get<AddComment>().HandleAsync(neighbour, id, new AddCommentRequest(Stance.Oppose, "这段话里有违禁词"), CancellationToken.None);

        Assert.True(added.IsSuccess, added.Error?.ToString());
        Assert.Equal(ErrorCodes.ContentRejected, refused.Error?.Code);
        Assert.Equal(before + 1, await ParticipationsAsync(Scope.Time.GetUtcNow()));
    }

    private async Task<string> CreateAsync()
    {
        var author = await Scope.NewPersonAsync(Tree.Community, "发起人");
        var result = await Scope.Get<CreateTopic>().HandleAsync(author, new CreateTopicRequest(Tree.Community, "小区增设电动车充电桩", "楼下电动车乱充电，希望增设充电桩。", []), CancellationToken.None);
        Assert.True(result.IsSuccess, result.Error?.ToString());
        return ((TopicView)result.Value.Value).Id;
    }

    private async Task<Topic> TopicAsync(string id) => await Scope.Get<TopicStore>().FindAsync(id, CancellationToken.None) ?? throw new InvalidOperationException("no topic");

    private async Task<long> ParticipationsAsync(DateTimeOffset at) => (await RowAsync(at))?.Participations ?? 0;

    private async Task<CommunityYearStats?> RowAsync(DateTimeOffset at)
    {
        await foreach (var row in Scope.Get<TopicStatsStore>().WithinAsync(Tree.Community, ChinaTime.YearOf(at), CancellationToken.None))
        {
            if (row.OrgId == Tree.Community)
            {
                return row;
            }
        }

        return null;
    }
}
