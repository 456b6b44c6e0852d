using GongTongDizao.Core.Features.Topics;

namespace GongTongDizao.Core.Tests.Topics;

public sealed class CommentReportTests
{
    private static readonly DateTimeOffset s_at = new(2026, 3, 8, 1, 0, 0, TimeSpan.Zero);

    private static readonly Comment s_comment = new()
    {
        Id = Comment.NewId("420106001001"),
        CommunityId = "420106001001",
        TopicId = "420106001001~t",
        AuthorId = "author",
        Stance = Stance.Oppose,
        Content = "不同意",
        Status = CommentStatus.Published,
        CreatedAt = s_at,
    };

    [Fact]
    public void The_third_different_reporter_hides_the_comment()
    {
        var twice = s_comment.Report("r1", s_at).Report("r2", s_at);
        var thrice = twice.Report("r3", s_at.AddMinutes(1));

        Assert.Equal(CommentStatus.Published, twice.Status);
        Assert.Equal(CommentStatus.Reported, thrice.Status);
        Assert.Equal(s_at.AddMinutes(1), thrice.HeldAt);
    }

    [Fact]
    public void One_person_reporting_repeatedly_counts_once()
    {
        var comment = s_comment.Report("r1", s_at);

        var again = comment.Report("r1", s_at).Report("r1", s_at);

        Assert.Same(comment, again);
        Assert.Single(again.Reporters);
        Assert.Equal(CommentStatus.Published, again.Report("r2", s_at).Status);
    }

    [Fact]
    public void A_removed_comment_takes_no_more_reports()
    {
        var removed = s_comment with { Status = CommentStatus.Removed };

        Assert.Same(removed, removed.Report("r1", s_at));
    }
}
