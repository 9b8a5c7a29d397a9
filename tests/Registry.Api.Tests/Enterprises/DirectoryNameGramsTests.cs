using Registry.Application.Enterprises;

namespace Registry.Api.Tests.Enterprises;

/// <summary>
/// The directory's name grams: which characters are grams and how they fold. A search's probes must always be among the grams of
/// every name that contains the search, whatever the case or width of either.
/// </summary>
public sealed class DirectoryNameGramsTests
{
    [Fact]
    public void A_name_has_each_character_and_each_adjacent_pair_once_in_lower_case()
    {
        Assert.Equal(["a", "ab", "b", "b标", "标", "标注", "注", "注a", "注标"], DirectoryNameGrams.Of("AB标注标注A").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Full_width_letters_and_letters_lower_cased_to_ascii_fold_onto_ascii_and_other_letters_are_never_grams()
    {
        Assert.Equal(["a", "ab", "b"], DirectoryNameGrams.Of("Ａｂ").Order(StringComparer.Ordinal));
        Assert.Equal(["k", "k线", "线"], DirectoryNameGrams.Of("\u212A线").Order(StringComparer.Ordinal));
        Assert.Equal(["i", "is", "s"], DirectoryNameGrams.Of("\u0130s").Order(StringComparer.Ordinal));
        Assert.Equal(["标"], DirectoryNameGrams.Of("É标é"));
        Assert.Empty(DirectoryNameGrams.Of("\U00020000"));
        Assert.Equal(["㐀", "㐀龥", "龥"], DirectoryNameGrams.Of("㐀龥").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_search_probes_its_character_or_its_distinct_pairs_and_none_it_cannot_fold()
    {
        Assert.Equal(["智"], DirectoryNameGrams.Probes("智"));
        Assert.Equal(["智标"], DirectoryNameGrams.Probes("智标"));
        Assert.Equal(["标注", "注标"], DirectoryNameGrams.Probes("标注标注"));
        Assert.Equal(["ab"], DirectoryNameGrams.Probes("ＡB"));
        Assert.Empty(DirectoryNameGrams.Probes("é"));
        Assert.Empty(DirectoryNameGrams.Probes("éa"));
        Assert.Equal(["a标"], DirectoryNameGrams.Probes("éa标"));
        Assert.Empty(DirectoryNameGrams.Probes("\U00020000"));
    }

    [Fact]
    public void Only_one_or_two_ideographs_are_counted_from_their_gram_alone()
    {
        Assert.True(DirectoryNameGrams.IsExact("智"));
        Assert.True(DirectoryNameGrams.IsExact("智标"));
        Assert.True(DirectoryNameGrams.IsExact("㐀龥"));
        Assert.False(DirectoryNameGrams.IsExact("智标数"));
        Assert.False(DirectoryNameGrams.IsExact("ab"));
        Assert.False(DirectoryNameGrams.IsExact("a智"));
        Assert.False(DirectoryNameGrams.IsExact("１"));
        Assert.False(DirectoryNameGrams.IsExact("\U00020000"));
    }

    [Theory]
    [InlineData("川渝智标数据科技有限公司", "智标")]
    [InlineData("ALPHA数据有限公司", "alpha")]
    [InlineData("alpha数据", "ＡＬＰＨＡ数")]
    [InlineData("\u212Aelvin标注", "kel")]
    [InlineData("50%_折扣", "%_折")]
    [InlineData("Été标注", "té标注")]
    public void Every_probe_of_a_search_is_a_gram_of_a_name_that_contains_it_in_any_case_or_width(string name, string search)
    {
        var grams = DirectoryNameGrams.Of(name);
        var probes = DirectoryNameGrams.Probes(search);
        Assert.NotEmpty(probes);
        Assert.All(probes, p => Assert.Contains(p, grams));
    }
}
