using System.Net;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.Bases;

public abstract class BasesDirectoryTests(RegistryApi api)
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task The_seven_national_bases_are_listed()
    {
        var page = await (await _client.GetAsync("/api/v1/bases")).JsonAsync();

        Assert.Equal(7, page.GetProperty("total").GetInt32());
        var names = page.GetProperty("items").EnumerateArray().Select(b => b.GetProperty("nameZh").GetString()).ToList();
        foreach (var city in new[] { "成都", "沈阳", "合肥", "长沙", "海口", "保定", "大同" })
            Assert.Contains(names, n => n!.StartsWith(city, StringComparison.Ordinal));
        Assert.All(page.GetProperty("items").EnumerateArray(), b => Assert.Equal("national", b.GetProperty("level").GetString()));
    }

    [Theory]
    [InlineData("510000", "chengdu")]
    [InlineData("510100", "chengdu")]
    [InlineData("130000", "baoding")]
    [InlineData("140200", "datong")]
    public async Task A_province_filter_includes_its_cities(string region, string expected)
    {
        var page = await (await _client.GetAsync($"/api/v1/bases?region={region}")).JsonAsync();

        Assert.Equal(1, page.GetProperty("total").GetInt32());
        Assert.Equal(expected, page.GetProperty("items")[0].GetProperty("code").GetString());
    }

    // The filter is "a region and everything within it" like every other region filter; it used to match no base for 000000.
    [Fact]
    public async Task The_whole_country_holds_every_base()
    {
        var page = await (await _client.GetAsync("/api/v1/bases?region=000000")).JsonAsync();

        Assert.Equal(7, page.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_region_without_bases_gives_an_empty_page()
    {
        var page = await (await _client.GetAsync("/api/v1/bases?region=650000")).JsonAsync();

        Assert.Equal(0, page.GetProperty("total").GetInt32());
        Assert.Empty(page.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Pages_split_the_list_and_keep_the_total()
    {
        var first = await (await _client.GetAsync("/api/v1/bases?page=1&pageSize=5")).JsonAsync();
        var second = await (await _client.GetAsync("/api/v1/bases?page=2&pageSize=5")).JsonAsync();

        Assert.Equal(5, first.GetProperty("items").GetArrayLength());
        Assert.Equal(2, second.GetProperty("items").GetArrayLength());
        Assert.Equal(7, second.GetProperty("total").GetInt32());
        var ids = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray())
            .Select(b => b.GetProperty("id").GetGuid()).ToHashSet();
        Assert.Equal(7, ids.Count);
    }

    [Fact]
    public async Task A_base_is_read_by_id_with_its_region_and_focus()
    {
        var list = await (await _client.GetAsync("/api/v1/bases?region=130600")).JsonAsync();
        var id = list.GetProperty("items")[0].GetProperty("id").GetGuid();

        var response = await _client.GetAsync($"/api/v1/bases/{id}");
        var b = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("保定数据标注基地", b.GetProperty("nameZh").GetString());
        Assert.Equal("130600", b.GetProperty("regionCode").GetString());
        Assert.Equal("保定市", b.GetProperty("regionNameZh").GetString());
        Assert.Equal("河北省", b.GetProperty("provinceNameZh").GetString());
        var domains = b.GetProperty("focusDomains").EnumerateArray().Select(d => d.GetString()).ToList();
        Assert.Contains("healthcare", domains);
        Assert.Contains("autonomous_driving", domains);
    }

    [Fact]
    public async Task An_unknown_base_is_a_404_problem()
    {
        await (await _client.GetAsync($"/api/v1/bases/{Guid.CreateVersion7()}")).ProblemAsync(404);
        await (await _client.GetAsync("/api/v1/bases/not-a-guid")).ProblemAsync(404);
    }

    [Fact]
    public async Task Bad_paging_and_filters_are_400_problems_listing_each_field()
    {
        var problem = await (await _client.GetAsync("/api/v1/bases?page=0&pageSize=1000&region=5100&level=city")).ProblemAsync(400);
        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "page", "pageSize", "region", "level" })
            Assert.True(errors.TryGetProperty(field, out _), $"{field} missing from {errors}");

        await (await _client.GetAsync("/api/v1/bases?page=abc")).ProblemAsync(400);
    }
}

public sealed class BasesDirectoryTests_Sqlite(SqliteApi api) : BasesDirectoryTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class BasesDirectoryTests_PostgreSql(PostgreSqlApi api) : BasesDirectoryTests(api), IClassFixture<PostgreSqlApi>;
