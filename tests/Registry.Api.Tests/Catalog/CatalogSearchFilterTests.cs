using System.Net;
using Registry.Api.Tests.Access;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.Catalog;

/// <summary>Every filter of the catalog search keeps the entries that match it and leaves out the others.</summary>
public abstract class CatalogSearchFilterTests(RegistryApi api)
{
    /// <summary>
    /// Each filter with a value that only Chengdu's entry matches and one that only Hefei's entry matches; the two entries differ in
    /// every filtered field. <c>$word</c> and <c>$agency</c> stand for the entry's own title word and agency.
    /// </summary>
    public static TheoryData<string, string, string> Filters => new()
    {
        { "q", "$word", "$word" },
        { "domain", "healthcare", "transport" },
        { "modality", "image", "audio" },
        { "taskType", "segmentation", "transcription" },
        { "securityLevel", "general", "important" },
        { "openness", "open", "conditional" },
        { "region", "510000", "340100" },
        { "agencyId", "$agency", "$agency" },
    };

    private sealed record Published(Guid Id, string Word, Guid Agency);

    private async Task<Published> PublishAsync(string agency, string domain, string region, string modality, string taskType, string security,
        string openness)
    {
        var word = "w" + Guid.NewGuid().ToString("N")[..10];
        var entry = (Dictionary<string, object?>)CatalogArrange.NewEntry($"公共数据标注 {word}", domain, region, [modality], security, openness);
        entry["taskTypes"] = new[] { taskType };
        var client = await api.ClientAsAsync(agency);
        var created = await client.PostAsync("/api/v1/catalog", JsonBody.Of(entry));
        var body = await created.JsonAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, body.ToString());
        var id = body.GetProperty("id").GetGuid();
        var published = await client.PostAsync($"/api/v1/catalog/{id}/publish", JsonBody.Of(new { }));
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());
        return new Published(id, word, await api.OrganizationIdAsync(agency));
    }

    /// <summary>The filters that take several values, with one value each entry alone matches.</summary>
    public static TheoryData<string, string, string> ListFilters => new()
    {
        { "domain", "healthcare", "transport" },
        { "modality", "image", "audio" },
        { "taskType", "segmentation", "transcription" },
        { "securityLevel", "general", "important" },
        { "openness", "open", "conditional" },
    };

    private Task<List<Guid>> FoundAsync(string filter, string value) => FoundAsync($"{filter}={Uri.EscapeDataString(value)}");

    private async Task<List<Guid>> FoundAsync(string query)
    {
        var response = await api.CreateClient().GetAsync($"/api/v1/catalog?{query}&pageSize=100");
        var body = await response.JsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        Assert.True(body.GetProperty("total").GetInt32() <= 100, "the class's own entries fit on one page");
        return body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
    }

    private static string Value(string value, Published entry) => value switch
    {
        "$word" => entry.Word,
        "$agency" => entry.Agency.ToString(),
        _ => value,
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task A_filter_keeps_the_entries_that_match_it_and_only_those(string filter, string chengduValue, string hefeiValue)
    {
        var chengdu = await PublishAsync("cd.health", "healthcare", "510100", "image", "segmentation", "general", "open");
        var hefei = await PublishAsync("hf.transport", "transport", "340100", "audio", "transcription", "important", "conditional");

        var forChengdu = await FoundAsync(filter, Value(chengduValue, chengdu));
        Assert.Contains(chengdu.Id, forChengdu);
        Assert.DoesNotContain(hefei.Id, forChengdu);

        var forHefei = await FoundAsync(filter, Value(hefeiValue, hefei));
        Assert.Contains(hefei.Id, forHefei);
        Assert.DoesNotContain(chengdu.Id, forHefei);
    }

    [Theory]
    [MemberData(nameof(ListFilters))]
    public async Task A_repeated_filter_keeps_the_entries_that_match_any_of_its_values_and_the_other_filters(string filter, string chengduValue, string hefeiValue)
    {
        var chengdu = await PublishAsync("cd.health", "healthcare", "510100", "image", "segmentation", "general", "open");
        var hefei = await PublishAsync("hf.transport", "transport", "340100", "audio", "transcription", "important", "conditional");

        var either = await FoundAsync($"{filter}={chengduValue}&{filter}={hefeiValue}");
        Assert.Contains(chengdu.Id, either);
        Assert.Contains(hefei.Id, either);

        var eitherInHefei = await FoundAsync($"{filter}={chengduValue}&{filter}={hefeiValue}&region=340100");
        Assert.Contains(hefei.Id, eitherInHefei);
        Assert.DoesNotContain(chengdu.Id, eitherInHefei);
    }

    [Fact]
    public void Every_filter_of_the_search_is_tested_here()
    {
        var tested = Filters.Select(row => (string)row[0]).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var filters = typeof(Registry.Application.Catalog.SearchCatalog).GetConstructors().Single().GetParameters()
            .Select(p => p.Name!).Where(n => n is not ("Page" or "PageSize" or "Sort"));

        Assert.All(filters, f => Assert.Contains(f, tested));
    }
}

public sealed class CatalogSearchFilterTests_Sqlite(SqliteApi api) : CatalogSearchFilterTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class CatalogSearchFilterTests_PostgreSql(PostgreSqlApi api) : CatalogSearchFilterTests(api), IClassFixture<PostgreSqlApi>;
