using System.Reflection;
using System.Text.Json.Nodes;
using GongTongDizao.Core.Events;
using GongTongDizao.Core.Features.Notifications;
using GongTongDizao.WeChat;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GongTongDizao.Core.Tests.Notifications;

public sealed class NotificationRulesTests
{
    private static readonly DateTimeOffset s_at = new(2026, 11, 27, 7, 1, 0, TimeSpan.Zero);

    [Fact]
    public void Every_event_type_has_a_route_to_a_catalogue_template()
    {
        var eventTypes = typeof(EventTypes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).ToList();

        Assert.Equal(eventTypes.Order(), EventRoutes.All.Select(r => r.EventType).Order());
        Assert.All(EventRoutes.All, r => Assert.True(TemplateCatalogue.IsKnown(r.TemplateKey), r.TemplateKey));
        Assert.Equal(TemplateCatalogue.Definitions.Keys.Order(), EventRoutes.All.Select(r => r.TemplateKey).Order());
    }

    [Fact]
    public void Every_catalogue_page_is_a_page_the_simulator_knows_as_released()
    {
        // WeChat refuses a subscribe message whose page the released mini-program lacks (41030); the simulator checks the
        // same against its list, which must follow the catalogue or every message of a new template fails locally.
        var released = new WeChat.Simulator.WeChatSimulatorOptions().Pages;

        Assert.All(TemplateCatalogue.Definitions.Values, d => Assert.Contains(d.Page.Split('?')[0], released));
    }

    [Fact]
    public void Every_catalogue_template_builds_valid_data_even_from_an_empty_event()
    {
        foreach (var definition in TemplateCatalogue.Definitions.Values)
        {
            var route = EventRoutes.All.Single(r => r.TemplateKey == definition.Key);
            var data = TemplateCatalogue.BuildData(definition, "local-" + definition.Key, new NotificationContent { EventType = route.EventType, OccurredAt = s_at });

            Assert.Equal(definition.Keywords.Select(k => k.Name).Order(), data.Values.Keys.Order());
        }
    }

    [Fact]
    public void Every_phrase_we_send_meets_the_documented_phrase_rule_as_it_is()
    {
        // doc "发送订阅消息": phrase.DATA 5个以内纯汉字. A phrase that had to be cut or replaced would read wrongly.
        var phrase = new SubscribeMessageTemplate("t", "tmpl-phrase-0001", [SubscribeKeyword.FromName("phrase2")]);
        foreach (var value in EventRoutes.All.Select(r => r.Phrase).Append(EventRoutes.DefaultPhrase("unknown.event")))
        {
            var data = phrase.CreateData().Set("phrase2", value).Build();

            Assert.Equal(value, data.Values["phrase2"]);
            Assert.Empty(data.TruncatedKeywords);
        }
    }

    [Fact]
    public void Keyword_values_come_from_the_event_truncated_and_in_Beijing_time()
    {
        var definition = TemplateCatalogue.Definitions["letterReplied"];
        var content = new NotificationContent
        {
            EventType = EventTypes.LetterReplied,
            OccurredAt = s_at,
            Data = new JsonObject { ["title"] = "关于小区东门夜间照明长期不足的问题反映与建议", ["status"] = "replied", ["replySummary"] = "已联系物业" },
        };

        var data = TemplateCatalogue.BuildData(definition, "tpl-letterReplied", content);

        Assert.True(data.Values["thing1"].Length <= 20);
        Assert.EndsWith("…", data.Values["thing1"], StringComparison.Ordinal);
        // "replied" is not Chinese, which a phrase keyword requires: the route's own word is used instead.
        Assert.Equal("已答复", data.Values["phrase2"]);
        Assert.Equal("已联系物业", data.Values["thing3"]);
        Assert.Equal("2026年11月27日 15:01", data.Values["time4"]);
    }

    [Fact]
    public void Fixed_keyword_values_and_page_placeholders_are_filled()
    {
        var completed = TemplateCatalogue.BuildData(TemplateCatalogue.Definitions["topicCompleted"], "tpl", new NotificationContent { EventType = EventTypes.TopicCompleted, OccurredAt = s_at });

        Assert.Equal("事情办好了，请点击进入评价", completed.Values["thing4"]);
        Assert.Equal("pages/topics/detail?id=t%201&action=evaluate", TemplateCatalogue.FillPage(TemplateCatalogue.Definitions["topicCompleted"].Page, "topic", "t 1", []));
    }

    [Fact]
    public void Inbox_texts_name_the_item_and_a_broadcast_uses_its_own_title_and_body()
    {
        var decided = EventRoutes.Find(EventTypes.TopicDecided)!;
        var broadcast = EventRoutes.Find(EventTypes.BroadcastCreated)!;
        var data = new JsonObject { ["title"] = "增设儿童游乐区", ["outcome"] = "通过", ["body"] = "正文" };

        Assert.Equal("议题已作出决定", EventRoutes.InboxTitle(decided, data));
        Assert.Equal("增设儿童游乐区：通过", EventRoutes.InboxSummary(decided, data));
        Assert.Equal("增设儿童游乐区", EventRoutes.InboxTitle(broadcast, data));
        Assert.Equal("正文", EventRoutes.InboxSummary(broadcast, data));
    }

    [Fact]
    public void The_assigned_worker_reads_the_due_date_in_Beijing_time_and_a_duplicate_author_the_original_status()
    {
        var assigned = EventRoutes.Find(EventTypes.LetterAssigned)!;
        var duplicate = EventRoutes.Find(EventTypes.LetterMarkedDuplicate)!;

        // 17:00 UTC is 01:00 the next day in Beijing.
        Assert.Equal("路灯不亮：请于2026年12月10日前办理", EventRoutes.InboxSummary(assigned, new JsonObject { ["title"] = "路灯不亮", ["dueAt"] = "2026-12-09T17:00:00.0000000+00:00" }));
        Assert.Equal("路灯不亮：将随原信件一并办理（原信件已受理），可在信件详情查看", EventRoutes.InboxSummary(duplicate, new JsonObject { ["title"] = "路灯不亮", ["originalStatus"] = "已受理" }));
        var page = TemplateCatalogue.FillPage(TemplateCatalogue.Definitions["letterDuplicate"].Page, "letter", "c~2", new JsonObject { ["originalLetterId"] = "c~1" });
        Assert.Equal("pages/letters/detail?id=c~2&original=c~1", page);
        var data = TemplateCatalogue.BuildData(TemplateCatalogue.Definitions["letterAssigned"], "tpl", new NotificationContent
        {
            EventType = EventTypes.LetterAssigned,
            OccurredAt = s_at,
            Data = new JsonObject { ["title"] = "路灯不亮", ["categoryLabel"] = "生活烦恼", ["dueAt"] = "2026-12-09T17:00:00+00:00" },
        });
        Assert.Equal("2026年12月10日 01:00", data.Values["time3"]);
        Assert.Equal("生活烦恼", data.Values["thing2"]);
    }

    [Fact]
    public void The_meeting_message_shows_when_the_meeting_starts_not_when_it_was_scheduled()
    {
        var data = TemplateCatalogue.BuildData(TemplateCatalogue.Definitions["topicMeetingScheduled"], "tpl", new NotificationContent
        {
            EventType = EventTypes.TopicMeetingScheduled,
            OccurredAt = s_at,
            Data = new JsonObject { ["title"] = "增设休息座椅", ["place"] = "社区议事厅", ["meetingStartsAt"] = "2026-12-05T02:00:00.0000000+00:00" },
        });

        Assert.Equal("2026年12月5日 10:00", data.Values["time3"]);
    }

    [Theory]
    [InlineData("{\"youth\":true}", true)]
    [InlineData("{\"women\":false,\"all\":true}", true)]
    [InlineData("{}", false)]
    public void A_preferences_update_needs_at_least_one_switch(string json, bool valid)
    {
        var request = System.Text.Json.JsonSerializer.Deserialize<PreferencesRequest>(json, GongTongDizao.Core.Common.JsonDefaults.Api)!;

        Assert.Equal(valid, new PreferencesRequestValidator().Validate(request).IsValid);
    }

    [Theory]
    [InlineData("2026-11-27T07:01:00+00:00", "2026-11-28T00:00:00+08:00")]
    [InlineData("2026-11-27T16:00:00+00:00", "2026-11-29T00:00:00+08:00")]
    [InlineData("2026-11-27T15:59:59+00:00", "2026-11-28T00:00:00+08:00")]
    public void WeChat_daily_limits_reset_at_the_next_Beijing_midnight(string now, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), DeliverNotification.NextBeijingMidnight(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Retries_wait_twice_as_long_each_time()
    {
        var delays = Enumerable.Range(2, 5).Select(a => DeliverNotification.RetryDelay(TimeSpan.FromSeconds(30), a).TotalSeconds).ToArray();

        Assert.Equal([30, 60, 120, 240, 480], delays);
    }

    [Fact]
    public void An_accept_reported_by_both_the_client_and_the_push_counts_once()
    {
        var quota = new QuotaDocument { Id = "quota~letterReplied", UserId = "u1", TemplateKey = "letterReplied" };

        quota = SubscriptionQuotas.Apply(quota, SubscriptionDecisions.Accept, DecisionSource.Client, longTermTemplate: false);
        quota = SubscriptionQuotas.Apply(quota, SubscriptionDecisions.Accept, DecisionSource.Push, longTermTemplate: false);
        Assert.Equal(1, quota.Remaining);

        quota = SubscriptionQuotas.Apply(quota, SubscriptionDecisions.Accept, DecisionSource.Push, longTermTemplate: false);
        quota = SubscriptionQuotas.Apply(quota, SubscriptionDecisions.Accept, DecisionSource.Push, longTermTemplate: false);
        quota = SubscriptionQuotas.Apply(quota, SubscriptionDecisions.Accept, DecisionSource.Client, longTermTemplate: false);
        Assert.Equal(3, quota.Remaining);
        Assert.False(quota.LongTerm);
    }

    [Fact]
    public void Ban_empties_the_quota_and_reject_only_ends_a_long_term_subscription()
    {
        var quota = new QuotaDocument { Id = "q", UserId = "u1", TemplateKey = "topicDecided", Remaining = 2, LongTerm = true };

        var rejected = SubscriptionQuotas.Apply(quota, SubscriptionDecisions.Reject, DecisionSource.Client, longTermTemplate: true);
        var banned = SubscriptionQuotas.Apply(quota, SubscriptionDecisions.Ban, DecisionSource.Client, longTermTemplate: true);

        Assert.Equal((2, false, "reject"), (rejected.Remaining, rejected.LongTerm, rejected.Decision));
        Assert.Equal((0, false, "ban"), (banned.Remaining, banned.LongTerm, banned.Decision));
        Assert.True(SubscriptionQuotas.Apply(banned, SubscriptionDecisions.Accept, DecisionSource.Client, longTermTemplate: true).LongTerm);
    }

    [Fact]
    public void Locally_every_template_gets_an_id_but_never_towards_real_WeChat()
    {
        var local = Configure(new Uri("http://127.0.0.1:5000/"), configured: "realId12345");
        var azure = Configure(WeChatClientOptions.DefaultBaseAddress, configured: null);

        Assert.Equal("realId12345", local.Templates["letterReplied"]);
        Assert.Equal("local-broadcast", local.Templates["broadcast"]);
        Assert.Equal(TemplateCatalogue.Definitions.Count, local.Templates.Count);
        Assert.Empty(azure.Templates);
    }

    private static WeChatClientOptions Configure(Uri baseAddress, string? configured)
    {
        var services = new ServiceCollection();
        services.AddOptions<WeChatClientOptions>().Configure(o =>
        {
            o.BaseAddress = baseAddress;
            if (configured is not null)
            {
                o.Templates["letterReplied"] = configured;
            }
        });
        services.AddSingleton<IPostConfigureOptions<WeChatClientOptions>, LocalTemplateIds>();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<WeChatClientOptions>>().Value;
    }
}
