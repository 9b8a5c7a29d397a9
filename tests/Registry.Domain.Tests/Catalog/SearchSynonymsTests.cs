using Registry.Domain.Catalog;

namespace Registry.Domain.Tests.Catalog;

public sealed class SearchSynonymsTests
{
    private static readonly SearchSynonyms Shipped = SearchSynonyms.Parse("""
        # comment line
        标注 标记   # trailing comment
        医疗 医学 医药
        影像 图像
        孤词
        自动驾驶 智能驾驶
        """);

    private static List<string> Spellings(IReadOnlyList<IReadOnlyList<string>> group) => group.Select(terms => string.Join(' ', terms)).ToList();

    [Fact]
    public void Comments_and_lines_of_one_word_are_not_groups()
    {
        Assert.Equal(4, Shipped.Groups);
        Assert.Equal(Shipped.Expand("孤词"), SearchSynonyms.None.Expand("孤词"));
    }

    [Fact]
    public void Without_synonyms_every_word_is_one_group_whose_terms_must_all_match()
    {
        var groups = SearchSynonyms.None.Expand("数字病理 AI");
        Assert.Equal([["数字 字病 病理"], ["ai"]], groups.Select(Spellings));
    }

    [Fact]
    public void A_word_containing_synonyms_of_two_groups_is_spelled_every_way()
    {
        var groups = Shipped.Expand("医疗影像");
        Assert.Single(groups);
        Assert.Equal(6, groups[0].Count);
        Assert.Contains("医学 学图 图像", Spellings(groups[0]));
        Assert.Contains("医疗 疗影 影像", Spellings(groups[0]));
    }

    [Fact]
    public void The_longer_synonym_is_replaced_whole_and_other_words_keep_their_own_group()
    {
        var groups = Shipped.Expand("智能驾驶 点云");
        Assert.Equal(2, groups.Count);
        Assert.Contains("自动 动驾 驾驶", Spellings(groups[0]));
        Assert.Equal(["点云"], Spellings(groups[1]));
    }

    [Fact]
    public void Many_groups_in_one_word_stop_at_sixteen_spellings()
    {
        var synonyms = SearchSynonyms.Parse("甲 乙 丙\n丁 戊 己\n庚 辛 壬\n子 丑 寅");
        Assert.Equal(16, synonyms.Expand("甲丁庚子").Single().Count);
    }
}
