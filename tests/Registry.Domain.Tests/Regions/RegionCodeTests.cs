using Registry.Domain.Regions;

namespace Registry.Domain.Tests.Regions;

public sealed class RegionCodeTests
{
    [Theory]
    [InlineData("510000", true)]
    [InlineData("510100", true)]
    [InlineData("110100", true)]
    [InlineData("659000", true)]
    [InlineData("820000", true)]
    [InlineData("000000", true)] // the whole country
    [InlineData("510104", false)] // districts are below the prefecture level this registry keeps
    [InlineData("51000", false)]
    [InlineData("5100000", false)]
    [InlineData("51000a", false)]
    [InlineData("５１００００", false)]
    [InlineData("990000", false)]
    [InlineData("190000", false)] // 19 is not a GB/T 2260 province pair
    [InlineData("100000", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Well_formed_codes_are_six_digits_of_a_province_or_a_city(string? code, bool expected) =>
        Assert.Equal(expected, RegionCode.IsWellFormed(code));

    [Fact]
    public void A_code_ending_in_0000_is_a_province_and_one_ending_in_00_a_city()
    {
        Assert.Equal(RegionLevel.Province, RegionCode.LevelOf("510000"));
        Assert.Equal(RegionLevel.City, RegionCode.LevelOf("510100"));
        Assert.Throws<ArgumentException>(() => RegionCode.LevelOf(RegionCode.National));
        Assert.Throws<ArgumentException>(() => RegionCode.LevelOf("510104"));
    }

    [Fact]
    public void A_city_belongs_to_its_province_and_a_province_to_no_parent()
    {
        Assert.Equal("510000", RegionCode.ParentOf("510100"));
        Assert.Null(RegionCode.ParentOf("510000"));
        Assert.Null(RegionCode.ParentOf(RegionCode.National));
        Assert.Equal("510000", RegionCode.ProvinceOf("510100"));
        Assert.Equal("510000", RegionCode.ProvinceOf("510000"));
    }

    [Theory]
    [InlineData("510100", "510000", true)]
    [InlineData("510100", "510100", true)]
    [InlineData("510000", "510000", true)]
    [InlineData("340100", RegionCode.National, true)]
    [InlineData("340000", RegionCode.National, true)]
    [InlineData(RegionCode.National, RegionCode.National, true)]
    [InlineData("340100", "510000", false)]
    [InlineData("510000", "510100", false)]
    [InlineData("510700", "510100", false)]
    [InlineData(RegionCode.National, "510000", false)]
    public void A_region_is_within_itself_its_province_and_the_nation(string code, string ancestor, bool expected) =>
        Assert.Equal(expected, RegionCode.IsWithin(code, ancestor));

    [Theory]
    [InlineData("51A100")]
    [InlineData("5101a0")]
    public void A_code_with_a_letter_is_malformed(string code) => Assert.False(RegionCode.IsWellFormed(code));

    [Theory]
    [InlineData("510100", "000000,510000,510100")]
    [InlineData("510000", "000000,510000")]
    [InlineData("000000", "000000")]
    public void The_jurisdictions_covering_a_region_are_the_nation_its_province_and_the_city_itself(string code, string covering) =>
        Assert.Equal(covering.Split(','), RegionCode.Covering(code));
}
