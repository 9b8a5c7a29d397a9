using System.Net;
using System.Text.Json;
using Registry.Api.Tests.Access;
using Registry.Api.Tests.Catalog;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.Demands;

/// <summary>
/// A demand lives in its agency's own jurisdiction: its region lies within the agency's, a linked catalog entry is the agency's
/// own and published, a preferred base exists. An unknown reference is a field error, never a foreign-key 500.
/// </summary>
public abstract class DemandJurisdictionTests(RegistryApi api)
{
    private static Dictionary<string, object?> Demand(string title, string region, Guid? catalogEntryId = null, Guid? preferredBaseId = null)
    {
        var fields = JsonSerializer.SerializeToElement(DemandArrange.Demand(title), RegistryApi.Json).EnumerateObject()
            .ToDictionary(p => p.Name, p => (object?)p.Value);
        fields["regionCode"] = region;
        fields["catalogEntryId"] = catalogEntryId;
        fields["preferredBaseId"] = preferredBaseId;
        return fields;
    }

    private async Task<int> MineAsync(string agency) =>
        (await (await (await api.ClientAsAsync(agency)).GetAsync("/api/v1/demands/mine?pageSize=1")).JsonAsync()).GetProperty("total").GetInt32();

    private async Task<JsonElement> RefusedAsync(string agency, object demand)
    {
        var before = await MineAsync(agency);
        var problem = await (await (await api.ClientAsAsync(agency)).PostAsync("/api/v1/demands", JsonBody.Of(demand))).ProblemAsync(400);
        Assert.Equal(before, await MineAsync(agency));
        return problem.GetProperty("errors");
    }

    [Fact]
    public async Task A_Hefei_agency_cannot_file_a_demand_for_Chengdu()
    {
        var errors = await RefusedAsync("hf.transport", Demand("合肥为成都发需求", "510100"));

        Assert.Contains("jurisdiction", errors.GetProperty("regionCode")[0].GetString(), StringComparison.Ordinal);
        var own = await (await api.ClientAsAsync("hf.transport")).PostAsync("/api/v1/demands", JsonBody.Of(Demand("合肥本地需求", "340100")));
        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
    }

    [Fact]
    public async Task A_demand_cannot_link_another_agencys_draft_or_its_own_unpublished_catalog_entry()
    {
        var foreignDraft = await CatalogArrange.DraftAsync(api, "cd.health", "成都未发布目录");
        var ownDraft = await CatalogArrange.DraftAsync(api, "hf.transport", "合肥未发布目录", "transport", "340100");
        var foreignPublished = await CatalogArrange.PublishedAsync(api, "cd.health", "成都已发布目录");

        foreach (var entry in new[] { foreignDraft, ownDraft, foreignPublished })
            Assert.True((await RefusedAsync("hf.transport", Demand("关联他人目录", "340100", entry))).TryGetProperty("catalogEntryId", out _));

        var ownPublished = await CatalogArrange.PublishedAsync(api, "hf.transport", "合肥已发布目录", "transport", "340100");
        var linked = await (await api.ClientAsAsync("hf.transport")).PostAsync("/api/v1/demands",
            JsonBody.Of(Demand("关联本机构目录", "340100", ownPublished)));
        Assert.Equal(ownPublished, (await linked.JsonAsync()).GetProperty("catalogEntryId").GetGuid());
    }

    [Fact]
    public async Task An_unknown_preferred_base_or_catalog_entry_is_a_field_error_not_a_500()
    {
        var errors = await RefusedAsync("cd.health", Demand("未知引用", "510100", Guid.NewGuid(), Guid.NewGuid()));

        Assert.True(errors.TryGetProperty("catalogEntryId", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("preferredBaseId", out _), errors.ToString());
    }

    [Fact]
    public async Task Publishing_checks_again_that_the_linked_catalog_entry_is_still_published()
    {
        var agency = await api.ClientAsAsync("hf.transport");
        var entry = await CatalogArrange.PublishedAsync(api, "hf.transport", "合肥将撤回目录", "transport", "340100");
        var demand = (await (await agency.PostAsync("/api/v1/demands", JsonBody.Of(Demand("关联将撤回目录", "340100", entry)))).JsonAsync())
            .GetProperty("id").GetGuid();
        await agency.PostAsync($"/api/v1/catalog/{entry}/withdraw", JsonBody.Of(new { reason = "数据源停用" }));

        await (await agency.PostIfMatchAsync($"/api/v1/demands/{demand}/publish", new { })).ProblemAsync(422);

        Assert.Equal("draft", (await (await agency.GetAsync($"/api/v1/demands/{demand}")).JsonAsync()).GetProperty("status").GetString());
    }
}

public sealed class DemandJurisdictionTests_Sqlite(SqliteApi api) : DemandJurisdictionTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class DemandJurisdictionTests_PostgreSql(PostgreSqlApi api) : DemandJurisdictionTests(api), IClassFixture<PostgreSqlApi>;
