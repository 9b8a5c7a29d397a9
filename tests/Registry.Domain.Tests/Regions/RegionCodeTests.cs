using System.Text.Json;
using Registry.Domain.Regions;

namespace Registry.Domain.Tests.Regions;

public sealed class RegionCodeTests
{
    [Theory]
    [InlineData("510000", true)]
    [InlineData("510100", true)]
    [InlineData("110100", true)]
    [InlineData("510104", false)] // districts are below the prefecture level this registry keeps
    [InlineData("51000", false)]
    [InlineData("5100000", false)]
    [InlineData("51000a", false)]
    [InlineData("990000", false)]
    [InlineData("000000", true)] // the whole country
    [InlineData(null, false)]
    public void Well_formed_codes_are_six_digits_of_a_province_or_a_city(string? code, bool expected) =>
        Assert.Equal(expected, RegionCode.IsWellFormed(code));

    [Fact]
    public void A_city_belongs_to_its_province_and_a_province_to_the_nation()
    {
        Assert.Equal(RegionLevel.City, RegionCode.LevelOf("510100"));
        Assert.Equal(RegionLevel.Province, RegionCode.LevelOf("510000"));
        Assert.Equal("510000", RegionCode.ParentOf("510100"));
        Assert.Equal(RegionCode.National, RegionCode.ParentOf("510000"));
        Assert.Null(RegionCode.ParentOf(RegionCode.National));
        Assert.True(RegionCode.IsWithin("510100", "510000"));
        Assert.True(RegionCode.IsWithin("510100", "510100"));
        Assert.True(RegionCode.IsWithin("340100", RegionCode.National));
        Assert.False(RegionCode.IsWithin("340100", "510000"));
        Assert.False(RegionCode.IsWithin("510000", "510100"));
        Assert.False(RegionCode.IsWithin("510700", "510100"));
    }

    private static RegionDirectory Shipped()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Registry.sln"))) folder = folder.Parent;
        var file = Path.Combine(folder!.FullName, "src", "Registry.Infrastructure", "ReferenceData", "regions.json");
        using var json = JsonDocument.Parse(File.ReadAllText(file));
        return new RegionDirectory(json.RootElement.EnumerateArray().Select(r => new Region(
            r.GetProperty("code").GetString()!,
            r.GetProperty("nameZh").GetString()!,
            r.GetProperty("nameEn").GetString(),
            r.GetProperty("level").GetString() == "province" ? RegionLevel.Province : RegionLevel.City,
            r.GetProperty("parentCode").GetString())));
    }

    [Fact]
    public void The_shipped_regions_are_the_31_provinces_and_their_prefecture_level_cities()
    {
        var regions = Shipped();

        Assert.Equal(31, regions.Provinces.Count);
        Assert.Equal("成都市", regions.Find("510100")!.NameZh);
        Assert.Equal("510000", regions.Find("510100")!.ParentCode);
        Assert.All(regions.Provinces, p => Assert.NotEmpty(regions.Children(p.Code)));
        foreach (var province in regions.Provinces)
        foreach (var city in regions.Children(province.Code))
        {
            Assert.True(RegionCode.IsWellFormed(city.Code), city.Code);
            Assert.Equal(province.Code, RegionCode.ParentOf(city.Code));
        }
    }

    [Fact]
    public void The_directory_checks_existence_as_well_as_structure()
    {
        var regions = Shipped();

        Assert.Null(regions.Problem("340100"));
        Assert.Contains("Unknown", regions.Problem("519900"), StringComparison.Ordinal);
        Assert.Contains("six-digit", regions.Problem("5101"), StringComparison.Ordinal);
        Assert.True(regions.IsWithin("340100", "340000"));
        Assert.True(regions.IsWithin("340100", RegionCode.National));
        Assert.False(regions.IsWithin("519900", "510000"));
        Assert.False(regions.IsWithin("340100", "510000"));
    }
}
