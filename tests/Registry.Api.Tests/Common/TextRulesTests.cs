using Registry.Application.Common;

namespace Registry.Api.Tests.Common;

/// <summary>Names are stricter than one-line text, which is stricter than multi-line text; none holds what a database cannot store.</summary>
public sealed class TextRulesTests
{
    [Theory]
    [InlineData("成都市卫生健康委员会")]
    [InlineData("Chengdu Health Commission (CDHC) — 2026")]
    [InlineData("表情 😀 与生僻字 𠀀")]
    public void Ordinary_text_is_a_name_a_line_and_a_multi_line_text(string text)
    {
        Assert.True(TextRules.IsName(text));
        Assert.True(TextRules.IsPlain(text));
        Assert.True(TextRules.IsMultiline(text));
    }

    [Theory]
    [InlineData("a\0b")]
    [InlineData("a\u0001b")]
    [InlineData("a\u001Bb")]
    [InlineData("a\u007Fb")]
    [InlineData("a\u0085b")]
    public void Control_characters_are_refused_everywhere(string text)
    {
        Assert.False(TextRules.IsName(text));
        Assert.False(TextRules.IsPlain(text));
        Assert.False(TextRules.IsMultiline(text));
    }

    // Built at run time: attribute arguments are stored as UTF-8, which turns an unpaired surrogate into U+FFFD.
    [Theory]
    [InlineData("a", '\uD800', "b")]
    [InlineData("a", '\uDC00', "")]
    [InlineData("", '\uD800', "")]
    [InlineData("", '\uDBFF', "\u00E9")]
    public void Unpaired_surrogates_which_no_database_stores_as_UTF_8_are_refused_everywhere(string before, char surrogate, string after)
    {
        var text = before + surrogate + after;
        Assert.False(TextRules.IsName(text));
        Assert.False(TextRules.IsPlain(text));
        Assert.False(TextRules.IsMultiline(text));
    }

    [Theory]
    [InlineData("第一行\n第二行")]
    [InlineData("第一行\r\n第二行")]
    [InlineData("列一\t列二")]
    public void Line_breaks_and_tabs_are_multi_line_text_only(string text)
    {
        Assert.True(TextRules.IsMultiline(text));
        Assert.False(TextRules.IsPlain(text));
        Assert.False(TextRules.IsName(text));
    }

    [Theory]
    [InlineData("\u202A")]
    [InlineData("\u202B")]
    [InlineData("\u202C")]
    [InlineData("\u202D")]
    [InlineData("\u202E")]
    [InlineData("\u2066")]
    [InlineData("\u2067")]
    [InlineData("\u2068")]
    [InlineData("\u2069")]
    [InlineData("\u200E")]
    [InlineData("\u200F")]
    [InlineData("\u061C")]
    public void Bidirectional_formatting_characters_are_refused_in_names_only(string control)
    {
        var text = "数据标注" + control + "exe.txt";

        Assert.False(TextRules.IsName(text));
        Assert.True(TextRules.IsPlain(text));
        Assert.True(TextRules.IsMultiline(text));
    }

    [Fact]
    public void A_missing_value_is_left_to_the_required_rules() => Assert.True(TextRules.IsName(null));
}
