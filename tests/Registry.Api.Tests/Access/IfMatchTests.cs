using System.Net;
using Registry.Api.Tests.Demands;
using Registry.Api.Tests.Enterprises;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.Access;

/// <summary>
/// Every mutable aggregate takes If-Match: its GET answers with the version as ETag; a change without one is 400, a change from a
/// version someone else has since replaced is 412, and neither changes anything.
/// </summary>
public abstract class IfMatchTests(RegistryApi api)
{
    private static async Task<long> VersionAsync(HttpResponseMessage read, string property)
    {
        var body = await read.SucceededJsonAsync();
        Assert.Equal($"\"{body.GetProperty(property).GetInt64()}\"", read.Headers.ETag!.Tag);
        return body.GetProperty(property).GetInt64();
    }

    [Fact]
    public async Task Demands_contracts_and_certificates_answer_their_version_as_ETag()
    {
        var (demand, _) = await DemandArrange.PublishedAsync(api, "版本标签");
        var (contract, _) = await DemandArrange.ContractAsync(api, "合同版本标签");
        var certificate = await EnterpriseArrange.CertificateAsync(api);
        var agency = await api.ClientAsAsync("cd.health");

        Assert.Equal(2, await VersionAsync(await api.CreateClient().GetAsync($"/api/v1/demands/{demand}"), "rowVersion"));
        Assert.Equal(2, await VersionAsync(await agency.GetAsync($"/api/v1/contracts/{contract}"), "rowVersion")); // awarded, then signed
        Assert.Equal(1, await VersionAsync(await api.CreateClient().GetAsync($"/api/v1/certificates/{certificate}"), "version"));
    }

    [Fact]
    public async Task A_demand_change_without_If_Match_is_400_and_changes_nothing()
    {
        var (demand, _) = await DemandArrange.PublishedAsync(api, "缺少版本取消");
        var agency = await api.ClientAsAsync("cd.health");

        var problem = await (await agency.PostAsync($"/api/v1/demands/{demand}/cancel", JsonBody.Of(new { reason = "预算调整" }))).ProblemAsync(400);

        Assert.True(problem.GetProperty("errors").TryGetProperty("If-Match", out _));
        Assert.Equal("open", (await (await agency.GetAsync($"/api/v1/demands/{demand}")).JsonAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_demand_change_from_a_stale_version_is_412_and_changes_nothing()
    {
        var (demand, deadline) = await DemandArrange.PublishedAsync(api, "过期版本取消");
        var agency = await api.ClientAsAsync("cd.health");
        var stale = await agency.ETagAsync($"/api/v1/demands/{demand}");
        await (await agency.PostIfMatchAsync($"/api/v1/demands/{demand}/deadline", new { bidDeadline = deadline.AddDays(2) })).SucceededJsonAsync();

        await (await agency.PostIfMatchAsync($"/api/v1/demands/{demand}/cancel", new { reason = "预算调整" }, stale)).ProblemAsync(412);

        var after = await (await agency.GetAsync($"/api/v1/demands/{demand}")).JsonAsync();
        Assert.Equal("open", after.GetProperty("status").GetString());
        Assert.Equal(3, after.GetProperty("rowVersion").GetInt64());
    }

    [Fact]
    public async Task A_contract_change_without_If_Match_is_400_and_a_stale_one_412_and_neither_records_a_delivery()
    {
        var (contract, enterprise) = await DemandArrange.ContractAsync(api, "合同版本校验");
        var delivery = new { description = "全部标注结果", quantity = 100, manifestSha256 = new string('e', 64) };
        var stale = await enterprise.ETagAsync($"/api/v1/contracts/{contract}");

        await (await enterprise.PostAsync($"/api/v1/contracts/{contract}/deliveries", JsonBody.Of(delivery))).ProblemAsync(400);
        var delivered = await (await enterprise.PostIfMatchAsync($"/api/v1/contracts/{contract}/deliveries", delivery, stale)).SucceededJsonAsync();
        await (await enterprise.PostIfMatchAsync($"/api/v1/contracts/{contract}/deliveries", delivery, stale)).ProblemAsync(412);

        var after = await (await enterprise.GetAsync($"/api/v1/contracts/{contract}")).JsonAsync();
        Assert.Equal(1, after.GetProperty("deliveries").GetArrayLength());
        Assert.Equal(delivered.GetProperty("rowVersion").GetInt64(), after.GetProperty("rowVersion").GetInt64());
    }

    [Fact]
    public async Task A_certificate_change_without_If_Match_is_400_and_a_stale_one_412_and_neither_changes_its_status()
    {
        var certificate = await EnterpriseArrange.CertificateAsync(api);
        var sichuan = await api.ClientAsAsync("sichuan");
        var stale = await sichuan.ETagAsync($"/api/v1/certificates/{certificate}");

        await (await sichuan.PostAsync($"/api/v1/certificates/{certificate}/suspend", JsonBody.Of(new { reason = "检查" }))).ProblemAsync(400);
        Assert.Equal("active", (await (await sichuan.GetAsync($"/api/v1/certificates/{certificate}")).JsonAsync()).GetProperty("status").GetString());
        await (await sichuan.PostIfMatchAsync($"/api/v1/certificates/{certificate}/suspend", new { reason = "检查" }, stale)).SucceededJsonAsync();
        await (await sichuan.PostIfMatchAsync($"/api/v1/certificates/{certificate}/reinstate", new { reason = "整改完成" }, stale)).ProblemAsync(412);

        Assert.Equal("suspended", (await (await sichuan.GetAsync($"/api/v1/certificates/{certificate}")).JsonAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_unknown_certificate_is_404()
    {
        await (await api.CreateClient().GetAsync($"/api/v1/certificates/{Guid.CreateVersion7()}")).ProblemAsync(404);
    }
}

public sealed class IfMatchTests_Sqlite(SqliteApi api) : IfMatchTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class IfMatchTests_PostgreSql(PostgreSqlApi api) : IfMatchTests(api), IClassFixture<PostgreSqlApi>;
