using System.Text.Json;
using GongTongDizao.Core.Common;
using GongTongDizao.Core.Features.Letters;
using Microsoft.Extensions.Time.Testing;

namespace GongTongDizao.Core.Tests.Letters;

public sealed class LetterRulesTests
{
    [Fact]
    public void Stats_arithmetic_matches_a_hand_computed_fixture()
    {
        // Accept times 1 h, 2 h, 30 h, 4 h → sorted 1, 2, 4, 30 → median (2 + 4) / 2 = 3 h.
        long[] accept = [3600, 7200, 108000, 14400];
        // Reply times 10 h, 50 h, 20 h → median 20 h.
        long[] reply = [36000, 180000, 72000];

        Assert.Equal(3.0, LetterStatsMath.MedianHours(accept));
        Assert.Equal(20.0, LetterStatsMath.MedianHours(reply));
        Assert.Equal(0.6667, LetterStatsMath.Rate(2, 3));
        Assert.Equal(0.75, LetterStatsMath.Rate(3, 4));
        Assert.Null(LetterStatsMath.Rate(0, 0));
        Assert.Null(LetterStatsMath.MedianHours([]));
        Assert.Equal(0.01, LetterStatsMath.MedianHours([30, 31]));
    }

    [Theory]
    [InlineData("2026-11-27T15:59:59Z", "2026-11-26T16:00:00Z", "2026-11-27T16:00:00Z")]
    [InlineData("2026-11-27T16:00:00Z", "2026-11-27T16:00:00Z", "2026-11-28T16:00:00Z")]
    [InlineData("2026-12-31T23:30:00+08:00", "2026-12-30T16:00:00Z", "2026-12-31T16:00:00Z")]
    public void The_daily_limit_counts_China_Standard_Time_days(string now, string start, string next)
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));

        var day = ChinaTime.DayOf(time.GetUtcNow());

        Assert.Equal(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture), day.Start);
        Assert.Equal(DateTimeOffset.Parse(next, System.Globalization.CultureInfo.InvariantCulture), day.Next);
    }

    [Fact]
    public void The_submitted_event_of_an_anonymous_letter_carries_nothing_about_the_author()
    {
        var letter = Sample() with { Anonymous = true, AuthorName = null };

        var submitted = LetterEvents.Submitted(letter, "u-author", DateTimeOffset.UnixEpoch);
        var json = JsonSerializer.Serialize(submitted, JsonDefaults.Options);

        Assert.DoesNotContain("u-author", json, StringComparison.Ordinal);
        Assert.Equal("anonymous", submitted.ActorId);
        Assert.Equal("420106001001", submitted.OrgId);
        Assert.Null(LetterViews.AuthorFor(letter));
        Assert.Equal(new LetterAuthorView("u-author", "小林"), LetterViews.AuthorFor(Sample()));
    }

    [Fact]
    public void Replies_tell_the_author_with_a_short_summary_cut_between_characters()
    {
        var replied = LetterEvents.Replied(Sample(), "您好！关于招聘会的时间，我们已经与街道就业服务站确认😀😀😀", "u-staff", DateTimeOffset.UnixEpoch);

        Assert.Equal("u-author", replied.Data["authorId"]!.GetValue<string>());
        Assert.Equal(20, new System.Globalization.StringInfo(replied.Data["replySummary"]!.GetValue<string>()).LengthInTextElements);
        Assert.EndsWith("…", replied.Data["replySummary"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("短标题", LetterEvents.Shorten("短标题", 20));
    }

    [Theory]
    [InlineData(50, 2000, true)]
    [InlineData(51, 10, false)]
    [InlineData(10, 2001, false)]
    public void Title_and_content_limits_count_emoji_and_CJK_as_one(int titleLength, int contentLength, bool valid)
    {
        var request = new SubmitLetterRequest(
            LetterCategory.Employment,
            string.Concat(Enumerable.Repeat("👩‍👧", titleLength)),
            string.Concat(Enumerable.Repeat("信", contentLength)),
            false,
            null);

        Assert.Equal(valid, new SubmitLetterValidator().Validate(request).IsValid);
    }

    [Fact]
    public void A_letter_needs_a_category_and_at_most_nine_distinct_photos()
    {
        var validator = new SubmitLetterValidator();

        Assert.False(validator.Validate(new SubmitLetterRequest(null, "标题", "内容", false, null)).IsValid);
        Assert.False(validator.Validate(new SubmitLetterRequest(LetterCategory.Other, "标题", "内容", false, [.. Enumerable.Range(0, 10).Select(i => $"up{i}")])).IsValid);
        Assert.False(validator.Validate(new SubmitLetterRequest(LetterCategory.Other, "标题", "内容", false, ["a", "a"])).IsValid);
        Assert.True(validator.Validate(new SubmitLetterRequest(LetterCategory.Other, "标题", "内容", false, [.. Enumerable.Range(0, 9).Select(i => $"up{i}")])).IsValid);
    }

    [Fact]
    public void Letter_ids_name_their_partition_and_nothing_else_passes()
    {
        var id = LetterStore.NewId("420106001001");

        Assert.Equal("420106001001", LetterStore.CommunityOf(id));
        Assert.Null(LetterStore.CommunityOf("420106001001"));
        Assert.Null(LetterStore.CommunityOf("../x~0123456789abcdef0123456789abcdef"));
        Assert.Null(LetterStore.CommunityOf(null));
    }

    [Fact]
    public void Category_codes_and_labels_are_those_of_the_contract()
    {
        var codes = Enum.GetValues<LetterCategory>().Select(c => (LetterCategories.Code(c), LetterCategories.Label(c))).ToList();

        Assert.Equal(
            [("employment", "创业就业"), ("integration", "社会融入"), ("housing", "住房保障"), ("daily_life", "生活烦恼"), ("childcare", "假日托管"), ("volunteering", "志愿服务"), ("other", "其他")],
            codes);
    }

    private static Letter Sample() => new()
    {
        Id = "420106001001~0123456789abcdef0123456789abcdef",
        CommunityId = "420106001001",
        HandlingOrgId = "420106001001",
        AuthorId = "u-author",
        AuthorName = "小林",
        Anonymous = false,
        Category = LetterCategory.Employment,
        Title = "社区什么时候有招聘会？",
        Content = "想了解近期的招聘会安排。",
        Status = LetterStatus.Submitted,
        CreatedAt = DateTimeOffset.UnixEpoch,
    };
}
