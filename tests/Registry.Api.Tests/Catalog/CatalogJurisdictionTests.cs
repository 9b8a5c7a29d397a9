using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Registry.Api.Tests.Access;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.Catalog;

/// <summary>A catalog entry lives in its agency's own jurisdiction: created, edited or imported, its region lies within the agency's.</summary>
public abstract class CatalogJurisdictionTests(RegistryApi api)
{
    [Fact]
    public async Task A_Hefei_agency_cannot_file_a_catalog_entry_for_Chengdu()
    {
        var agency = await api.ClientAsAsync("hf.transport");
        var entry = (Dictionary<string, object?>)CatalogArrange.NewEntry("合肥编成都目录", "transport", "510100");

        var refused = await agency.PostAsync("/api/v1/catalog", JsonBody.Of(entry));

        Assert.Contains("jurisdiction", (await refused.ProblemAsync(400)).GetProperty("errors").GetProperty("regionCode")[0].GetString(), StringComparison.Ordinal);
        entry["regionCode"] = "340100"; // the same code is still free: nothing of the refused entry was stored
        Assert.Equal(HttpStatusCode.Created, (await agency.PostAsync("/api/v1/catalog", JsonBody.Of(entry))).StatusCode);
    }

    [Fact]
    public async Task Editing_an_entry_cannot_move_it_out_of_the_jurisdiction()
    {
        var agency = await api.ClientAsAsync("hf.transport");
        var id = await CatalogArrange.DraftAsync(api, "hf.transport", "合肥道路目录", "transport", "340100");
        var read = await agency.GetAsync($"/api/v1/catalog/{id}");
        var update = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/catalog/{id}")
        {
            Content = JsonBody.Of(CatalogArrange.Content("合肥道路目录（改为成都）", "transport", "510100")),
        };
        update.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(read.Headers.ETag!.Tag));

        Assert.True((await (await agency.SendAsync(update)).ProblemAsync(400)).GetProperty("errors").TryGetProperty("regionCode", out _));

        var after = await (await agency.GetAsync($"/api/v1/catalog/{id}")).JsonAsync();
        Assert.Equal("340100", after.GetProperty("content").GetProperty("regionCode").GetString());
        Assert.Equal((await read.JsonAsync()).GetProperty("rowVersion").GetInt64(), after.GetProperty("rowVersion").GetInt64());
    }

    [Fact]
    public async Task An_import_row_outside_the_jurisdiction_is_an_error_row_and_stores_nothing()
    {
        var agency = await api.ClientAsAsync("hf.transport");
        var prefix = "HJ" + Guid.NewGuid().ToString("N")[..6];
        string Csv(string secondRegion) => string.Join("\r\n",
            "code,title,description,domain,modalities,taskTypes,volume,volumeUnit,securityLevel,openness,opennessConditions,regionCode,sourceSystem,updateFrequency,contact",
            $"{prefix}-001,合肥市停车场图像标注{prefix},停车场图像,transport,image,bounding_box,1000,images,general,open,,340100,停车系统,daily,运输处",
            $"{prefix}-002,跨省图像标注{prefix},跨省图像,transport,image,bounding_box,1000,images,general,open,,{secondRegion},停车系统,daily,运输处",
            "");
        async Task<System.Text.Json.JsonElement> ImportAsync(string csv) =>
            await (await agency.PostAsync("/api/v1/catalog/import?publish=true", new StringContent(csv, Encoding.UTF8, "text/csv"))).JsonAsync();

        var first = await ImportAsync(Csv("510100"));
        var rows = first.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(["created", "error"], rows.Select(r => r.GetProperty("outcome").GetString()));
        Assert.True(rows[1].GetProperty("errors").TryGetProperty("regionCode", out _));
        Assert.Equal(0, (await (await api.CreateClient().GetAsync($"/api/v1/catalog?q={Uri.EscapeDataString("跨省图像标注" + prefix)}")).JsonAsync())
            .GetProperty("total").GetInt32());

        // A published entry re-imported with a region outside the jurisdiction gets no new version.
        var moved = await ImportAsync(Csv("510100").Replace(",340100,停车系统", ",510100,停车系统", StringComparison.Ordinal));
        Assert.Equal("error", moved.GetProperty("rows")[0].GetProperty("outcome").GetString());
        var id = rows[0].GetProperty("id").GetGuid();
        var versions = await (await agency.GetAsync($"/api/v1/catalog/{id}/versions")).JsonAsync();
        Assert.Equal(1, versions.GetArrayLength());
    }
}

public sealed class CatalogJurisdictionTests_Sqlite(SqliteApi api) : CatalogJurisdictionTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class CatalogJurisdictionTests_PostgreSql(PostgreSqlApi api) : CatalogJurisdictionTests(api), IClassFixture<PostgreSqlApi>;
