using System.Net;
using Registry.Api.Tests.Demands;
using Registry.Api.Tests.Enterprises;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.Access;

/// <summary>
/// One answer for the same situation in every area: what the caller may not see does not exist for it (404); what it may see
/// but not do is refused (403). Each test is the attacker's side of a place that used to answer otherwise.
/// </summary>
public abstract class WhoSeesWhatTests(RegistryApi api)
{
    [Fact]
    public async Task Another_enterprise_sees_a_registered_profile_but_may_not_update_it()
    {
        var (_, victim) = await EnterpriseArrange.RegisteredAsync(api);
        var (attacker, _) = await EnterpriseArrange.RegisteredAsync(api);
        var read = await attacker.GetAsync($"/api/v1/enterprises/{victim}");
        var before = await read.SucceededJsonAsync();

        var update = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/enterprises/{victim}")
        {
            Content = JsonBody.Of(EnterpriseArrange.Profile(before.GetProperty("legalName").GetString()!, before.GetProperty("creditCode").GetString()!,
                staff: 400)),
        };
        update.Headers.IfMatch.Add(read.Headers.ETag!);
        await (await attacker.SendAsync(update)).ProblemAsync(403);

        var after = await api.CreateClient().GetAsync($"/api/v1/enterprises/{victim}");
        Assert.Equal(read.Headers.ETag, after.Headers.ETag);
        Assert.Equal(before.GetProperty("totalStaff").GetInt32(), (await after.JsonAsync()).GetProperty("totalStaff").GetInt32());
    }

    [Fact]
    public async Task A_regulator_of_another_province_sees_a_certificate_but_may_not_suspend_it()
    {
        var certificate = await EnterpriseArrange.CertificateAsync(api);
        var anhui = await (await DemandArrange.AnhuiRegulatorAsync(api)).On(api);
        var read = await anhui.GetAsync($"/api/v1/certificates/{certificate}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);

        await (await anhui.PostIfMatchAsync($"/api/v1/certificates/{certificate}/suspend", new { reason = "越权检查" }, read.Headers.ETag!)).ProblemAsync(403);

        var after = await api.CreateClient().GetAsync($"/api/v1/certificates/{certificate}");
        Assert.Equal("active", (await after.JsonAsync()).GetProperty("status").GetString());
        Assert.Equal(read.Headers.ETag, after.Headers.ETag);
    }

    [Fact]
    public async Task A_regulator_of_another_province_sees_an_enterprise_but_may_not_grant_it_a_designation()
    {
        var (_, id) = await EnterpriseArrange.RegisteredAsync(api);
        var anhui = await (await DemandArrange.AnhuiRegulatorAsync(api)).On(api);

        await (await anhui.PostAsync($"/api/v1/enterprises/{id}/designations",
            JsonBody.Of(new { designation = "gazelle", grantedOn = "2026-11-01", reason = "越权评选" }))).ProblemAsync(403);

        Assert.Equal(0, (await (await api.CreateClient().GetAsync($"/api/v1/enterprises/{id}")).JsonAsync()).GetProperty("designations").GetArrayLength());
    }

    [Fact]
    public async Task An_unregistered_enterprise_does_not_exist_for_another_enterprise()
    {
        var (_, victim, name, code) = await EnterpriseArrange.UnregisteredAsync(api);
        var (attacker, _) = await EnterpriseArrange.RegisteredAsync(api);

        var update = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/enterprises/{victim}") { Content = JsonBody.Of(EnterpriseArrange.Profile(name, code)) };
        update.Headers.IfMatch.ParseAdd("\"1\"");
        await (await attacker.SendAsync(update)).ProblemAsync(404);

        await (await api.CreateClient().GetAsync($"/api/v1/enterprises/{victim}")).ProblemAsync(404);
    }

    [Fact]
    public async Task A_draft_demand_is_its_agencys_and_the_operators_alone_not_even_the_regulators_of_its_region()
    {
        var agency = await api.ClientAsAsync("cd.health");
        var draft = (await (await agency.PostAsync("/api/v1/demands", JsonBody.Of(DemandArrange.Demand("草稿可见性")))).SucceededJsonAsync()).GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.OK, (await agency.GetAsync($"/api/v1/demands/{draft}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await api.ClientAsAsync("admin")).GetAsync($"/api/v1/demands/{draft}")).StatusCode);
        await (await (await api.ClientAsAsync("sichuan")).GetAsync($"/api/v1/demands/{draft}")).ProblemAsync(404);
        await (await (await api.ClientAsAsync("hf.transport")).GetAsync($"/api/v1/demands/{draft}")).ProblemAsync(404);
        await (await api.CreateClient().GetAsync($"/api/v1/demands/{draft}")).ProblemAsync(404);
    }

    [Fact]
    public async Task A_contract_does_not_exist_for_an_agency_that_is_not_its_party_even_with_its_version()
    {
        var (contract, _) = await DemandArrange.ContractAsync(api, "合同可见性");
        var etag = await (await api.ClientAsAsync("cd.health")).ETagAsync($"/api/v1/contracts/{contract}");
        var other = await api.ClientAsAsync("hf.transport");

        await (await other.GetAsync($"/api/v1/contracts/{contract}")).ProblemAsync(404);
        await (await other.PostIfMatchAsync($"/api/v1/contracts/{contract}/terminate", new { reason = "越权终止" }, etag)).ProblemAsync(404);

        Assert.Equal("active", (await (await (await api.ClientAsAsync("cd.health")).GetAsync($"/api/v1/contracts/{contract}")).JsonAsync())
            .GetProperty("status").GetString());
    }
}

public sealed class WhoSeesWhatTests_Sqlite(SqliteApi api) : WhoSeesWhatTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class WhoSeesWhatTests_PostgreSql(PostgreSqlApi api) : WhoSeesWhatTests(api), IClassFixture<PostgreSqlApi>;
