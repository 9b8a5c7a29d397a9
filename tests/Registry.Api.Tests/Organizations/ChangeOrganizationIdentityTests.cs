using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Hosting;
using Registry.Api.Tests.Access;
using Registry.Api.Tests.Enterprises;
using Registry.Api.Tests.Infrastructure;
using Registry.Domain.Identifiers;

namespace Registry.Api.Tests.Organizations;

/// <summary>
/// An organization's name, credit code and region change only through an audited identity change with a reason, by the operator
/// or a regulator of both the old and the new region; the history is read by the operator and regulators of either region.
/// </summary>
public abstract class ChangeOrganizationIdentityTests(RegistryApi api)
{
    private async Task<JsonElement> OrganizationAsync(Guid id) =>
        await (await (await api.ClientAsAsync("admin")).GetAsync($"/api/v1/organizations/{id}")).JsonAsync();

    private async Task<int> HistoryCountAsync(Guid id) =>
        (await (await (await api.ClientAsAsync("admin")).GetAsync($"/api/v1/organizations/{id}/identity-history")).JsonAsync()).GetProperty("total").GetInt32();

    [Fact]
    public async Task A_regulator_of_only_one_of_the_two_regions_cannot_move_an_organization()
    {
        var (_, id) = await EnterpriseArrange.RegisteredAsync(api, "510100");
        var before = await OrganizationAsync(id);
        var (hainan, _) = await OrganizationArrange.WithClientAsync(api, "regulator", "460000");
        var move = new { regionCode = "460100", reason = "迁址海口" };

        await (await OrganizationArrange.ChangeIdentityAsync(api, await api.ClientAsAsync("sichuan"), id, move)).ProblemAsync(403);
        await (await OrganizationArrange.ChangeIdentityAsync(api, hainan, id, move)).ProblemAsync(404);

        var after = await OrganizationAsync(id);
        Assert.Equal("510100", after.GetProperty("regionCode").GetString());
        Assert.Equal(before.GetProperty("version").GetInt64(), after.GetProperty("version").GetInt64());
        Assert.Equal("510100", (await (await api.CreateClient().GetAsync($"/api/v1/enterprises/{id}")).JsonAsync()).GetProperty("regionCode").GetString());
        Assert.Equal(0, await HistoryCountAsync(id));

        var withinSichuan = await OrganizationArrange.ChangeIdentityAsync(api, await api.ClientAsAsync("sichuan"), id,
            new { regionCode = "510700", reason = "迁址绵阳市" });
        Assert.Equal("510700", (await withinSichuan.JsonAsync()).GetProperty("regionCode").GetString());
        Assert.Equal("510700", (await (await api.CreateClient().GetAsync($"/api/v1/enterprises/{id}")).JsonAsync()).GetProperty("regionCode").GetString());
    }

    [Fact]
    public async Task A_move_ends_the_organizations_live_tokens_which_carry_the_old_region()
    {
        var (agency, id) = await OrganizationArrange.WithClientAsync(api, "agency", "510100");
        Assert.Equal(HttpStatusCode.OK, (await agency.GetAsync("/api/v1/demands/mine")).StatusCode);

        var moved = await OrganizationArrange.ChangeIdentityAsync(api, await api.ClientAsAsync("admin"), id, new { regionCode = "460100", reason = "迁址海口市" });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        await api.Services.GetRequiredService<WithdrawnAccess>().NextRefreshAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, (await agency.GetAsync("/api/v1/demands/mine")).StatusCode);
    }

    [Fact]
    public async Task A_regulator_cannot_rename_a_regulator_not_even_itself()
    {
        var sichuan = await api.OrganizationIdAsync("sichuan");

        await (await OrganizationArrange.ChangeIdentityAsync(api, await api.ClientAsAsync("sichuan"), sichuan,
            new { nameZh = "国家数据局", reason = "更名" })).ProblemAsync(403);

        Assert.Equal("四川省数据局", (await OrganizationAsync(sichuan)).GetProperty("nameZh").GetString());
    }

    [Fact]
    public async Task The_operator_renames_an_enterprise_and_its_profile_and_directory_entry_follow()
    {
        var (_, id) = await EnterpriseArrange.RegisteredAsync(api, "510100");
        var name = "成都更名后标注科技有限公司" + Guid.NewGuid().ToString("N")[..4];
        var code = TestCreditCodes.Next("91510100MA");
        var etag = await OrganizationArrange.ETagAsync(api, id);

        var changed = await OrganizationArrange.ChangeIdentityAsync(api, await api.ClientAsAsync("admin"), id,
            new { nameZh = name, creditCode = code, reason = "经市场监管部门核准更名" }, etag);

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag!.Tag);
        var detail = await (await api.CreateClient().GetAsync($"/api/v1/enterprises/{id}")).JsonAsync();
        Assert.Equal(name, detail.GetProperty("legalName").GetString());
        Assert.Equal(code, detail.GetProperty("creditCode").GetString());
        var found = await (await api.CreateClient().GetAsync($"/api/v1/enterprises?q={Uri.EscapeDataString(name)}")).JsonAsync();
        Assert.Equal(id, found.GetProperty("items")[0].GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task The_operator_renames_an_agency_and_its_published_catalog_entries_show_the_new_name()
    {
        var (agency, id) = await OrganizationArrange.WithClientAsync(api, "agency", "340100");
        var entry = (Dictionary<string, object?>)Catalog.CatalogArrange.NewEntry("更名机构的目录", "transport", "340100");
        var created = await (await agency.PostAsync("/api/v1/catalog", JsonBody.Of(entry))).JsonAsync();
        await agency.PostAsync($"/api/v1/catalog/{created.GetProperty("id").GetGuid()}/publish", JsonBody.Of(new { }));
        var name = "合肥市更名测试局" + Guid.NewGuid().ToString("N")[..6];

        var renamed = await OrganizationArrange.ChangeIdentityAsync(api, await api.ClientAsAsync("admin"), id, new { nameZh = name, reason = "机构改革更名" });

        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var found = await (await api.CreateClient().GetAsync($"/api/v1/catalog?agencyId={id}")).JsonAsync();
        Assert.Equal(name, found.GetProperty("items")[0].GetProperty("agencyNameZh").GetString());
        var byName = await (await api.CreateClient().GetAsync($"/api/v1/catalog?q={Uri.EscapeDataString(name)}")).JsonAsync();
        Assert.Equal(1, byName.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task An_identity_change_needs_a_reason_the_current_version_and_a_free_credit_code_and_changes_nothing_otherwise()
    {
        var (_, id) = await EnterpriseArrange.RegisteredAsync(api, "510100");
        var admin = await api.ClientAsAsync("admin");
        var before = await OrganizationAsync(id);
        var etag = await OrganizationArrange.ETagAsync(api, id);

        Assert.True((await (await OrganizationArrange.ChangeIdentityAsync(api, admin, id, new { nameZh = "改名", reason = "" })).ProblemAsync(400))
            .GetProperty("errors").TryGetProperty("reason", out _));
        Assert.True((await (await OrganizationArrange.ChangeIdentityAsync(api, admin, id, new { reason = "无变更" })).ProblemAsync(400))
            .GetProperty("errors").TryGetProperty("nameZh", out _));
        var taken = await OrganizationArrange.ChangeIdentityAsync(api, admin, id,
            new { creditCode = UnifiedSocialCreditCode.Create("11100000MB1A00002"), regionCode = "519900", reason = "改码" });
        var errors = (await taken.ProblemAsync(400)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("creditCode", out _) && errors.TryGetProperty("regionCode", out _), errors.ToString());
        await (await OrganizationArrange.ChangeIdentityAsync(api, admin, id, new { nameZh = before.GetProperty("nameZh").GetString(), reason = "同名" }))
            .ProblemAsync(422);
        var stale = "\"" + (before.GetProperty("version").GetInt64() + 5) + "\"";
        await (await OrganizationArrange.ChangeIdentityAsync(api, admin, id, new { nameZh = "改名", reason = "更名" }, stale)).ProblemAsync(412);
        var noIfMatch = await admin.PostAsync($"/api/v1/organizations/{id}/identity-changes", JsonBody.Of(new { nameZh = "改名", reason = "更名" }));
        await noIfMatch.ProblemAsync(400);

        var after = await OrganizationAsync(id);
        Assert.Equal(before.GetProperty("nameZh").GetString(), after.GetProperty("nameZh").GetString());
        Assert.Equal(before.GetProperty("version").GetInt64(), after.GetProperty("version").GetInt64());
        Assert.Equal(etag, await OrganizationArrange.ETagAsync(api, id));
        Assert.Equal(0, await HistoryCountAsync(id));
    }

    [Fact]
    public async Task The_operators_update_refuses_another_name_code_or_region_and_points_to_the_identity_change()
    {
        var (_, id) = await EnterpriseArrange.RegisteredAsync(api, "510100");
        var admin = await api.ClientAsAsync("admin");
        var before = await OrganizationAsync(id);
        var update = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/organizations/{id}")
        {
            Content = JsonBody.Of(new { nameZh = "国家数据局", regionCode = "460100", active = true }),
        };
        update.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(await OrganizationArrange.ETagAsync(api, id)));

        var errors = (await (await admin.SendAsync(update)).ProblemAsync(400)).GetProperty("errors");

        Assert.Contains("identity-changes", errors.GetProperty("nameZh")[0].GetString(), StringComparison.Ordinal);
        Assert.True(errors.TryGetProperty("regionCode", out _));
        var after = await OrganizationAsync(id);
        Assert.Equal(before.GetProperty("nameZh").GetString(), after.GetProperty("nameZh").GetString());
        Assert.Equal(before.GetProperty("version").GetInt64(), after.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task The_history_is_read_by_regulators_of_the_old_or_new_region_and_not_by_enterprises_or_other_provinces()
    {
        var (enterprise, id) = await EnterpriseArrange.RegisteredAsync(api, "510100");
        var admin = await api.ClientAsAsync("admin");
        var sichuan = await api.ClientAsAsync("sichuan");
        var (hainan, _) = await OrganizationArrange.WithClientAsync(api, "regulator", "460000");
        var (anhui, _) = await OrganizationArrange.WithClientAsync(api, "regulator", "340000");
        Assert.Equal(HttpStatusCode.OK, (await OrganizationArrange.ChangeIdentityAsync(api, sichuan, id, new { regionCode = "510700", reason = "迁址绵阳市" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await OrganizationArrange.ChangeIdentityAsync(api, admin, id, new { regionCode = "460100", reason = "迁址海口市" })).StatusCode);
        async Task<JsonElement> HistoryAsync(HttpClient client, string query = "") =>
            await (await client.GetAsync($"/api/v1/organizations/{id}/identity-history{query}")).JsonAsync();

        var all = await HistoryAsync(admin);
        Assert.Equal(2, all.GetProperty("total").GetInt32());
        var newest = all.GetProperty("items")[0];
        Assert.Equal(("510700", "460100", "迁址海口市"),
            (newest.GetProperty("oldRegionCode").GetString(), newest.GetProperty("newRegionCode").GetString(), newest.GetProperty("reason").GetString()));
        Assert.Equal(await api.OrganizationIdAsync("sichuan"), all.GetProperty("items")[1].GetProperty("changedByOrganizationId").GetGuid());
        var firstPage = await HistoryAsync(admin, "?pageSize=1");
        Assert.Equal((2, 1), (firstPage.GetProperty("total").GetInt32(), firstPage.GetProperty("items").GetArrayLength()));
        Assert.Equal(2, (await HistoryAsync(sichuan)).GetProperty("total").GetInt32());
        var hainanView = await HistoryAsync(hainan);
        Assert.Equal(1, hainanView.GetProperty("total").GetInt32());
        Assert.Equal("460100", hainanView.GetProperty("items")[0].GetProperty("newRegionCode").GetString());

        await (await anhui.GetAsync($"/api/v1/organizations/{id}/identity-history")).ProblemAsync(404);
        var (_, hefei) = await EnterpriseArrange.RegisteredAsync(api, "340100");
        Assert.Equal(HttpStatusCode.OK, (await OrganizationArrange.ChangeIdentityAsync(api, admin, hefei, new { regionCode = "340200", reason = "迁址芜湖市" })).StatusCode);
        await (await sichuan.GetAsync($"/api/v1/organizations/{hefei}/identity-history")).ProblemAsync(404);
        Assert.Equal(1, (await (await anhui.GetAsync($"/api/v1/organizations/{hefei}/identity-history")).JsonAsync()).GetProperty("total").GetInt32());
        // The moved enterprise's own token died with the move; another enterprise shows what enterprises may read.
        await api.Services.GetRequiredService<WithdrawnAccess>().NextRefreshAsync();
        await (await enterprise.GetAsync($"/api/v1/organizations/{id}/identity-history")).ProblemAsync(401);
        await (await (await api.ClientAsAsync("shuyu")).GetAsync($"/api/v1/organizations/{id}/identity-history")).ProblemAsync(403);
    }
}

public sealed class ChangeOrganizationIdentityTests_Sqlite(SqliteApi api) : ChangeOrganizationIdentityTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class ChangeOrganizationIdentityTests_PostgreSql(PostgreSqlApi api) : ChangeOrganizationIdentityTests(api), IClassFixture<PostgreSqlApi>;
