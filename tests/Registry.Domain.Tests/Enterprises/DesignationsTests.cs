using Registry.Domain.Enterprises;

namespace Registry.Domain.Tests.Enterprises;

public sealed class DesignationsTests
{
    [Fact]
    public void There_are_four_designations_in_order_with_Chinese_names() =>
        Assert.Equal(
            [("leading", "龙头企业", 1), ("gazelle", "瞪羚企业", 2), ("unicorn", "独角兽企业", 3), ("sti", "科技创新型企业", 4)],
            Designations.All.Select(d => (d.Code, d.NameZh, d.Order)));

    [Fact]
    public void Every_designation_has_an_English_name() =>
        Assert.All(Designations.All, d => Assert.False(string.IsNullOrWhiteSpace(d.NameEn)));

    [Theory]
    [InlineData("leading")]
    [InlineData("gazelle")]
    [InlineData("unicorn")]
    [InlineData("sti")]
    public void Each_designation_code_is_known(string code) => Assert.True(Designations.IsKnown(code));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Leading")]
    [InlineData("龙头企业")]
    [InlineData("specialized")]
    public void Other_codes_are_not_known(string? code) => Assert.False(Designations.IsKnown(code));
}
