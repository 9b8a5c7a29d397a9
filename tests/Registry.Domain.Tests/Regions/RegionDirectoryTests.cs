using System.Text.Json;
using Registry.Domain.Regions;

namespace Registry.Domain.Tests.Regions;

public sealed class RegionDirectoryTests
{
    private static readonly RegionDirectory Small = new([
        new Region("510000", "四川省", "Sichuan", RegionLevel.Province, null),
        new Region("510700", "绵阳市", null, RegionLevel.City, "510000"),
        new Region("510100", "成都市", "Chengdu", RegionLevel.City, "510000"),
        new Region("340000", "安徽省", "Anhui", RegionLevel.Province, null),
        new Region("340100", "合肥市", "Hefei", RegionLevel.City, "340000"),
    ]);

    [Fact]
    public void Regions_are_found_by_code()
    {
        Assert.Equal("成都市", Small.Find("510100")!.NameZh);
        Assert.Null(Small.Find("510600"));
        Assert.True(Small.Exists("340100"));
        Assert.False(Small.Exists("510600"));
        Assert.False(Small.Exists(null));
    }

    [Fact]
    public void Children_and_provinces_are_ordered_by_code()
    {
        // Built here, not read from the static field: a directory built once per test process would hide a mutated constructor.
        var small = new RegionDirectory(Small.Provinces.Concat(Small.Provinces.SelectMany(p => Small.Children(p.Code))).Reverse());
        Assert.Equal(["510100", "510700"], small.Children("510000").Select(r => r.Code));
        Assert.Equal(["340000", "510000"], small.Provinces.Select(r => r.Code));
        Assert.Equal(["340000", "510000"], Small.Children(RegionCode.National).Select(r => r.Code));
        Assert.Empty(Small.Children("510100"));
        Assert.Empty(Small.Children("990000"));
    }

    [Fact]
    public void The_nation_is_known_but_has_no_record()
    {
        Assert.True(Small.Exists(RegionCode.National));
        Assert.Null(Small.Problem(RegionCode.National));
        Assert.Null(Small.Find(RegionCode.National));
    }

    [Fact]
    public void Ancestry_counts_only_between_known_regions()
    {
        Assert.True(Small.IsWithin("510100", "510000"));
        Assert.True(Small.IsWithin("510100", RegionCode.National));
        Assert.False(Small.IsWithin("510600", "510000")); // well-formed, but not in the directory
        Assert.False(Small.IsWithin("340100", "510000"));
    }

    [Theory]
    [InlineData("510100", null)]
    [InlineData("510600", "Unknown region code 510600.")]
    [InlineData("5101", "Malformed region code")]
    [InlineData("510104", "Malformed region code")]
    [InlineData(null, "Malformed region code")]
    public void A_problem_says_whether_the_code_is_malformed_or_unknown(string? code, string? expected)
    {
        if (expected is null) Assert.Null(Small.Problem(code));
        else Assert.StartsWith(expected, Small.Problem(code), StringComparison.Ordinal);
    }

    [Fact]
    public void A_province_or_city_is_a_known_region_other_than_the_whole_country()
    {
        Assert.Null(Small.ProvinceOrCityProblem("510100"));
        Assert.Null(Small.ProvinceOrCityProblem("510000"));
        Assert.StartsWith("Region code 000000 is the whole country", Small.ProvinceOrCityProblem(RegionCode.National), StringComparison.Ordinal);
        Assert.Equal(Small.Problem("510600"), Small.ProvinceOrCityProblem("510600"));
        Assert.Equal(Small.Problem("51"), Small.ProvinceOrCityProblem("51"));
    }

    private static RegionDirectory Shipped()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Registry.sln"))) folder = folder.Parent;
        Assert.NotNull(folder);
        var file = Path.Combine(folder.FullName, "src", "Registry.Infrastructure", "ReferenceData", "regions.json");
        using var json = JsonDocument.Parse(File.ReadAllText(file));
        return new RegionDirectory(json.RootElement.EnumerateArray().Select(r => new Region(
            r.GetProperty("code").GetString()!,
            r.GetProperty("nameZh").GetString()!,
            r.GetProperty("nameEn").GetString(),
            r.GetProperty("level").GetString() switch
            {
                "province" => RegionLevel.Province,
                "city" => RegionLevel.City,
                var other => throw new InvalidDataException($"Unknown level '{other}'."),
            },
            r.GetProperty("parentCode").GetString())));
    }

    [Fact]
    public void The_shipped_regions_are_the_31_provinces_and_their_prefecture_level_cities()
    {
        var regions = Shipped();

        Assert.Equal(31, regions.Provinces.Count);
        Assert.Equal("成都市", regions.Find("510100")!.NameZh);
        Assert.Equal("Chengdu", regions.Find("510100")!.NameEn);
        Assert.Equal("510000", regions.Find("510100")!.ParentCode);
        Assert.All(regions.Provinces, p => Assert.NotEmpty(regions.Children(p.Code)));
        Assert.All(regions.Provinces, p => Assert.False(string.IsNullOrEmpty(p.NameEn), p.Code));
        var cities = regions.Provinces.SelectMany(p => regions.Children(p.Code)).ToList();
        Assert.Equal(342, cities.Count);
        Assert.All(cities, city =>
        {
            Assert.Equal(RegionLevel.City, city.Level);
            Assert.Equal(RegionLevel.City, RegionCode.LevelOf(city.Code));
            Assert.Equal(city.ParentCode, RegionCode.ParentOf(city.Code));
            Assert.NotNull(regions.Find(city.ParentCode!));
        });
    }

    [Theory]
    [InlineData("510100", "Chengdu")]
    [InlineData("210100", "Shenyang")]
    [InlineData("340100", "Hefei")]
    [InlineData("430100", "Changsha")]
    [InlineData("460100", "Haikou")]
    [InlineData("130600", "Baoding")]
    [InlineData("140200", "Datong")]
    public void The_cities_of_the_national_labeling_bases_have_English_names(string code, string nameEn) =>
        Assert.Equal(nameEn, Shipped().Find(code)!.NameEn);

    [Fact]
    public void The_shipped_directory_checks_existence_as_well_as_structure()
    {
        var regions = Shipped();

        Assert.Null(regions.Problem("340100"));
        Assert.StartsWith("Unknown", regions.Problem("519900"), StringComparison.Ordinal);
        Assert.True(regions.IsWithin("340100", "340000"));
        Assert.False(regions.IsWithin("519900", "510000"));
    }
}
