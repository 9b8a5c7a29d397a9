using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Registry.Domain.Catalog;

namespace Registry.Domain.Tests.Catalog;

public sealed class SearchTermsTests
{
    private const string Alphabet = "数据标注病理切片aBzQ09 　，。、-/()";

    [Fact]
    public void A_Chinese_title_is_indexed_by_its_characters_and_every_pair_of_adjacent_characters()
    {
        var terms = IndexTerms("数字病理切片标注");

        Assert.Equal(["数", "字", "病", "理", "切", "片", "标", "注", "数字", "字病", "病理", "理切", "切片", "片标", "标注"], terms);
        Assert.Contains("病理", terms);
        Assert.Contains("切片", terms);
        Assert.Contains("标注", terms);
    }

    [Fact]
    public void A_two_character_query_is_its_one_bigram() => Assert.Equal(["病理"], SearchTerms.Query("病理"));

    [Fact]
    public void A_longer_Chinese_query_is_its_bigrams_without_the_single_characters() =>
        Assert.Equal(["病理", "理切", "切片"], SearchTerms.Query("病理切片"));

    [Fact]
    public void A_one_character_query_keeps_its_character() => Assert.Equal(["病"], SearchTerms.Query("病"));

    [Fact]
    public void A_Chinese_word_finds_the_title_that_contains_it()
    {
        var index = IndexTerms("数字病理切片标注数据集", "病理科提供的切片图像");

        Assert.All(SearchTerms.Query("病理"), t => Assert.Contains(t, index));
        Assert.All(SearchTerms.Query("病理切片"), t => Assert.Contains(t, index));
        Assert.DoesNotContain(SearchTerms.Query("影像"), index.Contains);
    }

    [Fact]
    public void Mixed_text_gives_lower_case_Latin_words_and_Han_bigrams()
    {
        var terms = IndexTerms("CT影像 3D点云");

        Assert.Equal(["ct", "影", "像", "影像", "3d", "点", "云", "点云"], terms);
        Assert.Equal(["ct", "影像"], SearchTerms.Query("CT影像"));
    }

    [Fact]
    public void Full_width_letters_and_digits_are_normalized_to_ASCII()
    {
        Assert.Equal(["abc123"], IndexTerms("ＡＢＣ１２３"));
        Assert.Equal(["abc123"], SearchTerms.Query("ａｂｃ１２３"));
    }

    [Theory]
    [InlineData("，。！？")]
    [InlineData(" - / ( ) ")]
    [InlineData("")]
    [InlineData(null)]
    public void A_query_of_punctuation_or_nothing_has_no_terms(string? query) => Assert.Empty(SearchTerms.Query(query));

    [Fact]
    public void The_index_lists_each_term_once_in_first_seen_order() =>
        Assert.Equal("标 注 标注 ct", SearchTerms.Index("标注 CT", "标注", "ct CT"));

    [Fact]
    public void A_query_matches_whole_Latin_words_only()
    {
        Assert.Equal(["gpt"], SearchTerms.Query("GPT"));
        Assert.DoesNotContain("gpt", IndexTerms("ChatGPT语料"));
    }

    private static readonly Gen<(string Text, string Query)> TextAndSubstring =
        from chars in Gen.Elements(Alphabet.ToCharArray()).ArrayOf()
        let text = new string(chars)
        from start in Gen.Choose(0, text.Length)
        from length in Gen.Choose(0, text.Length - start)
        select (text, WholeWords(text, start, start + length));

    /// <summary>
    /// The correctness guarantee of catalog search: whatever a title or description contains, searching for a piece of it
    /// finds it. Latin words are matched whole, so the piece is widened to not cut a run of letters or digits.
    /// </summary>
    [Property(MaxTest = 3000)]
    public Property Every_term_of_a_query_is_in_the_index_of_any_text_containing_the_query() =>
        Prop.ForAll(TextAndSubstring.ToArbitrary(), t =>
        {
            var index = IndexTerms(t.Text);
            return SearchTerms.Query(t.Query).All(index.Contains);
        });

    [Property(MaxTest = 1000)]
    public Property Every_term_of_a_query_is_in_the_index_of_the_query_itself() =>
        Prop.ForAll(Gen.Elements(Alphabet.ToCharArray()).ArrayOf().Select(cs => new string(cs)).ToArbitrary(), text =>
        {
            var index = IndexTerms(text);
            return SearchTerms.Query(text).All(index.Contains);
        });

    private static string WholeWords(string text, int start, int end)
    {
        static bool Latin(char c) => char.IsAsciiLetterOrDigit(c);
        while (start > 0 && start < text.Length && Latin(text[start - 1]) && Latin(text[start])) start--;
        while (end > 0 && end < text.Length && Latin(text[end - 1]) && Latin(text[end])) end++;
        return text[start..end];
    }

    private static List<string> IndexTerms(params string[] texts) => SearchTerms.Index(texts).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();

    // Stryker mutated these range bounds unnoticed: each case sits on a bound or just outside the ideograph ranges.
    [Theory]
    [InlineData("\u3400\u4E00", new[] { "\u3400", "\u4E00", "\u3400\u4E00" })] // first ideograph of Extension A
    [InlineData("\u4E00\u9FFF", new[] { "\u4E00", "\u9FFF", "\u4E00\u9FFF" })] // last of the unified block
    [InlineData("\uFA0E\uFA0F", new[] { "\uFA0E", "\uFA0F", "\uFA0E\uFA0F" })] // compatibility ideographs kept by NFKC
    [InlineData("\u3042\u3044", new[] { "\u3042\u3044" })]                         // kana are letters, not ideographs: one word
    [InlineData("\uD55C\uAD6D", new[] { "\uD55C\uAD6D" })]                         // so is Hangul
    [InlineData("\u4DC0\u4E7E", new[] { "\u4E7E" })]                                // a hexagram inside the range is a symbol: a separator
    public void Only_CJK_ideographs_are_split_into_characters_and_pairs(string text, string[] terms) =>
        Assert.Equal(terms, SearchTerms.Terms(text).ToArray());

    [Fact]
    public void No_query_has_no_terms() => Assert.Empty(SearchTerms.Query(null));
}
