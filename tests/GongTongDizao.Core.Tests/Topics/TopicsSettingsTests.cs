using System.ComponentModel.DataAnnotations;
using GongTongDizao.Core.Common;
using GongTongDizao.Core.Features.Topics;

namespace GongTongDizao.Core.Tests.Topics;

public sealed class TopicsSettingsTests
{
    [Fact]
    public void The_defaults_are_the_campaign_rules_and_valid()
    {
        var options = new TopicsOptions();

        Assert.Equal("Topics", TopicsOptions.SectionName);
        Assert.Equal(10, options.SecondThreshold);
        Assert.Equal(TimeSpan.FromDays(14), options.SecondWindow);
        Assert.Equal(5, options.Quorum);
        Assert.True(Validator.TryValidateObject(options, new ValidationContext(options), null, validateAllProperties: true));
    }

    [Theory]
    [InlineData(0, 14, 5, 30)]
    [InlineData(10, 0, 5, 30)]
    [InlineData(10, 14, 0, 30)]
    [InlineData(10, 14, 5, 0)]
    [InlineData(10, 400, 5, 30)]
    public void Implausible_settings_fail_validation_at_start(int threshold, int windowDays, int quorum, int evaluationDays)
    {
        var options = new TopicsOptions { SecondThreshold = threshold, SecondWindow = TimeSpan.FromDays(windowDays), Quorum = quorum, EvaluationWindow = TimeSpan.FromDays(evaluationDays) };

        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), null, validateAllProperties: true));
    }

    [Fact]
    public async Task Without_the_attachments_feature_photos_are_refused_and_none_is_fine()
    {
        var attachments = new TopicAttachments();

        var none = await attachments.CommitAsync("u1", [], "topic", "t1", "420106001001", CancellationToken.None);
        var some = await attachments.CommitAsync("u1", ["up1"], "topic", "t1", "420106001001", CancellationToken.None);

        Assert.True(none.IsSuccess);
        Assert.Empty(none.Value);
        Assert.Equal(ErrorCodes.ValidationFailed, some.Error!.Code);
        Assert.Equal("暂不支持附件", some.Error.Errors!["attachments"][0]);
    }
}
