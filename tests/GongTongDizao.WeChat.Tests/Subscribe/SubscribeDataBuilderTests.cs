using System.Globalization;

namespace GongTongDizao.WeChat.Tests.Subscribe;

public class SubscribeDataBuilderTests
{
    private static SubscribeMessageTemplate TemplateWith(params SubscribeKeyword[] keywords) => new("test", "tmpl-test-000001", keywords);

    private static string Normalize(string keyword, string value) =>
        TemplateWith(SubscribeKeyword.FromName(keyword)).CreateData().Set(keyword, value).Build().Values[keyword];

    private static void Rejects(string keyword, string value)
    {
        var error = Assert.Throws<SubscribeMessageDataException>(() => Normalize(keyword, value));
        Assert.Equal(keyword, error.Keyword);
    }

    [Fact]
    public void Thing_is_cut_to_20_characters_with_an_ellipsis_and_reported()
    {
        var data = TemplateWith(SubscribeKeyword.FromName("thing1")).CreateData()
            .Set("thing1", "关于小区东门停车位不足以及夜间噪音扰民问题的建议").Build();

        Assert.Equal("关于小区东门停车位不足以及夜间噪音扰民…", data.Values["thing1"]);
        Assert.Equal(20, new StringInfo(data.Values["thing1"]).LengthInTextElements);
        Assert.Equal(["thing1"], data.TruncatedKeywords);
    }

    [Fact]
    public void Truncation_counts_text_elements_not_utf16_units()
    {
        // Each emoji is two UTF-16 units; cutting by Length would split a surrogate pair.
        var value = Normalize("thing1", string.Concat(Enumerable.Repeat("😀", 25)));

        Assert.Equal(20, new StringInfo(value).LengthInTextElements);
        Assert.Equal(string.Concat(Enumerable.Repeat("😀", 19)) + "…", value);
    }

    [Fact]
    public void Control_characters_are_stripped_and_line_breaks_become_spaces() =>
        Assert.Equal("ab c d", Normalize("thing1", "a\u0000b\r\nc\td\u0007"));

    [Fact]
    public void Short_values_are_kept_as_they_are() => Assert.Equal("您的来信已答复", Normalize("thing1", "您的来信已答复"));

    [Fact]
    public void Phrase_is_at_most_5_Chinese_characters()
    {
        Assert.Equal("处理中啦啦", Normalize("phrase3", "处理中啦啦啦"));
        Rejects("phrase3", "ok");
    }

    [Fact]
    public void Name_is_10_Chinese_or_20_letters()
    {
        Assert.Equal("欧阳一二三四五六七八", Normalize("name4", "欧阳一二三四五六七八九十"));
        Assert.Equal("Alexandria Ocasio-Co", Normalize("name4", "Alexandria Ocasio-Cortez"));
        // Mixed names count as Chinese names.
        Assert.Equal("Anna张三李四王五", Normalize("name4", "Anna张三李四王五赵六"));
    }

    [Fact]
    public void Character_string_is_32_ascii_characters()
    {
        Assert.Equal(new string('A', 32), Normalize("character_string5", new string('A', 40)));
        Assert.Equal("GTDZ-2026-000123", Normalize("character_string5", "GTDZ-2026-000123"));
        Rejects("character_string5", "编号");
    }

    [Fact]
    public void Number_is_validated_not_truncated()
    {
        Assert.Equal("123.45", Normalize("number6", "123.45"));
        Rejects("number6", "12a");
        Rejects("number6", new string('9', 33));
    }

    [Fact]
    public void Letter_is_letters_only_up_to_32()
    {
        Assert.Equal(new string('x', 32), Normalize("letter7", new string('x', 40)));
        Rejects("letter7", "abc1");
    }

    [Fact]
    public void Symbol_is_symbols_only_up_to_5()
    {
        Assert.Equal("!!!!!", Normalize("symbol8", "!!!!!!!"));
        Rejects("symbol8", "a!");
    }

    [Fact]
    public void Phone_number_is_digits_and_symbols_up_to_17()
    {
        Assert.Equal("+86-0766-66888866", Normalize("phone_number9", "+86-0766-66888866"));
        Rejects("phone_number9", "+86-0766-668888660");
        Rejects("phone_number9", "call me");
    }

    [Fact]
    public void Time_takes_documented_formats_and_formats_DateTimeOffset_in_Beijing_time()
    {
        var template = TemplateWith(SubscribeKeyword.FromName("time10"));
        var formatted = template.CreateData().Set("time10", new DateTimeOffset(2026, 11, 27, 7, 1, 0, TimeSpan.Zero)).Build();

        Assert.Equal("2026年11月27日 15:01", formatted.Values["time10"]);
        Assert.Equal("15:01", Normalize("time10", "15:01"));
        Assert.Equal("2026-11-27 15:01", Normalize("time10", "2026-11-27 15:01"));
        Assert.Equal("2026年11月27日 15:01~2026年11月27日 17:00", Normalize("time10", "2026年11月27日 15:01~2026年11月27日 17:00"));
        Rejects("time10", "tomorrow");
        Rejects("time10", "2026-11-27");
        Rejects("time10", "25:00");
    }

    [Fact]
    public void Date_takes_documented_formats()
    {
        var template = TemplateWith(SubscribeKeyword.FromName("date11"));
        var formatted = template.CreateData().Set("date11", new DateTimeOffset(2026, 11, 27, 20, 0, 0, TimeSpan.Zero)).Build();

        // 20:00 UTC is already the next day in Beijing.
        Assert.Equal("2026年11月28日", formatted.Values["date11"]);
        Assert.Equal("2026-11-27", Normalize("date11", "2026-11-27"));
        Assert.Equal("2026年11月27日 15:01", Normalize("date11", "2026年11月27日 15:01"));
        Rejects("date11", "27/11/2026");
    }

    [Fact]
    public void Amount_is_validated_and_decimals_are_formatted()
    {
        var template = TemplateWith(SubscribeKeyword.FromName("amount12"));

        Assert.Equal("12.5元", template.CreateData().Set("amount12", 12.50m).Build().Values["amount12"]);
        Assert.Equal("¥100.00", Normalize("amount12", "¥100.00"));
        Rejects("amount12", "lots");
    }

    [Fact]
    public void Enum_takes_only_the_template_values()
    {
        var template = TemplateWith(new SubscribeKeyword("enum13", SubscribeKeywordType.Enum, ["已受理", "已办结"]));

        Assert.Equal("已受理", template.CreateData().Set("enum13", "已受理").Build().Values["enum13"]);
        Assert.Throws<SubscribeMessageDataException>(() => template.CreateData().Set("enum13", "已拒绝"));
    }

    [Fact]
    public void Empty_values_unknown_keywords_and_missing_keywords_are_errors()
    {
        var template = TemplateWith(SubscribeKeyword.FromName("thing1"), SubscribeKeyword.FromName("time2"));

        Assert.Throws<SubscribeMessageDataException>(() => template.CreateData().Set("thing1", " \n "));
        Assert.Equal("thing9", Assert.Throws<SubscribeMessageDataException>(() => template.CreateData().Set("thing9", "x")).Keyword);
        var missing = Assert.Throws<SubscribeMessageDataException>(() => template.CreateData().Set("thing1", "x").Build());
        Assert.Equal("time2", missing.Keyword);
    }

    [Theory]
    [InlineData("thing1", SubscribeKeywordType.Thing)]
    [InlineData("character_string12", SubscribeKeywordType.CharacterString)]
    [InlineData("phone_number3", SubscribeKeywordType.PhoneNumber)]
    [InlineData("number4", SubscribeKeywordType.Number)]
    [InlineData("car_number5", SubscribeKeywordType.CarNumber)]
    [InlineData("phrase6", SubscribeKeywordType.Phrase)]
    public void Keyword_type_follows_from_the_name(string name, SubscribeKeywordType type) =>
        Assert.Equal(type, SubscribeKeyword.FromName(name).Type);

    [Fact]
    public void Templates_from_options_name_the_missing_setting()
    {
        var options = new WeChatClientOptions();
        options.Templates["letterReplied"] = "tmpl-letter-replied-0001";

        var template = SubscribeMessageTemplate.FromOptions(options, "letterReplied", ["thing1", "time2"], "pages/letters/detail");
        var error = Assert.Throws<InvalidOperationException>(() => SubscribeMessageTemplate.FromOptions(options, "topicProgress", ["thing1"]));

        Assert.Equal("tmpl-letter-replied-0001", template.TemplateId);
        Assert.Equal(SubscribeKeywordType.Time, template.Keywords["time2"].Type);
        Assert.Contains("WeChat__Templates__topicProgress", error.Message, StringComparison.Ordinal);
    }
}
