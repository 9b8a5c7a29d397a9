using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Tests.Access;
using Registry.Api.Tests.Infrastructure;
using Registry.Api.Tests.Organizations;
using Registry.Domain.Identifiers;

namespace Registry.Api.Tests.Enterprises;

/// <summary>
/// An enterprise's name, credit code and region are its organization's, as the operator registered them: the profile repeats
/// them and cannot change them; a certificate stays under the jurisdiction that issued it until it is reissued.
/// </summary>
public abstract class EnterpriseIdentityTests(RegistryApi api)
{
    private static readonly string NdaCode = UnifiedSocialCreditCode.Create("11100000MB1A00002");

    private async Task<JsonElement> OrganizationAsync(Guid id) =>
        await (await (await api.ClientAsAsync("admin")).GetAsync($"/api/v1/organizations/{id}")).JsonAsync();

    private async Task<JsonElement> EnterpriseAsync(Guid id) => await (await api.CreateClient().GetAsync($"/api/v1/enterprises/{id}")).JsonAsync();

    private async Task<HttpResponseMessage> SuspendAsync(HttpClient regulator, Guid certificate) =>
        await regulator.PostIfMatchAsync($"/api/v1/certificates/{certificate}/suspend", new { reason = "监管检查" });

    [Fact]
    public async Task An_enterprise_cannot_rename_itself_the_national_regulator_and_move_to_another_province()
    {
        var (client, id) = await EnterpriseArrange.RegisteredAsync(api, "510100");
        var certificate = await EnterpriseArrange.CertifyAsync(api, client, grade: 3);
        var read = await client.GetAsync($"/api/v1/enterprises/{id}");
        var before = await read.JsonAsync();
        var organizationBefore = await OrganizationAsync(id);

        var attack = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/enterprises/{id}")
        {
            Content = JsonBody.Of(EnterpriseArrange.Profile("国家数据局", UnifiedSocialCreditCode.Create("91460100MA5T12345"), "460100")),
        };
        attack.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(read.Headers.ETag!.Tag));
        var errors = (await (await client.SendAsync(attack)).ProblemAsync(400)).GetProperty("errors");

        foreach (var field in new[] { "legalName", "creditCode", "regionCode" })
            Assert.True(errors.TryGetProperty(field, out _), $"{field} missing from {errors}");
        var organization = await OrganizationAsync(id);
        Assert.Equal(organizationBefore.GetProperty("nameZh").GetString(), organization.GetProperty("nameZh").GetString());
        Assert.Equal("510100", organization.GetProperty("regionCode").GetString());
        Assert.Equal(organizationBefore.GetProperty("version").GetInt64(), organization.GetProperty("version").GetInt64());
        var after = await EnterpriseAsync(id);
        Assert.Equal(before.GetProperty("legalName").GetString(), after.GetProperty("legalName").GetString());
        Assert.Equal("510100", after.GetProperty("regionCode").GetString());
        Assert.Equal(before.GetProperty("version").GetInt64(), after.GetProperty("version").GetInt64());
        Assert.Equal(HttpStatusCode.OK, (await SuspendAsync(await api.ClientAsAsync("sichuan"), certificate)).StatusCode);
    }

    [Fact]
    public async Task Registration_cannot_claim_another_name_code_or_region_than_the_operator_registered()
    {
        var (client, id, name, code) = await EnterpriseArrange.UnregisteredAsync(api, "510100");

        var claimed = await client.PostAsync("/api/v1/enterprises",
            JsonBody.Of(EnterpriseArrange.Profile("国家数据局", UnifiedSocialCreditCode.Create("91460100MA5T54321"), "460100")));
        var errors = (await claimed.ProblemAsync(400)).GetProperty("errors");
        foreach (var field in new[] { "legalName", "creditCode", "regionCode" })
            Assert.True(errors.TryGetProperty(field, out _), $"{field} missing from {errors}");
        var taken = await client.PostAsync("/api/v1/enterprises", JsonBody.Of(EnterpriseArrange.Profile(name, NdaCode, "510100")));
        Assert.Contains("already registered", (await taken.ProblemAsync(400)).GetProperty("errors").GetProperty("creditCode")[0].GetString(),
            StringComparison.Ordinal);

        await (await api.CreateClient().GetAsync($"/api/v1/enterprises/{id}")).ProblemAsync(404);
        var organization = await OrganizationAsync(id);
        Assert.Equal(name, organization.GetProperty("nameZh").GetString());
        Assert.Equal(code, organization.GetProperty("creditCode").GetString());
        Assert.Equal("510100", organization.GetProperty("regionCode").GetString());
        Assert.Equal(1, organization.GetProperty("version").GetInt64());

        var registered = await client.PostAsync("/api/v1/enterprises", JsonBody.Of(EnterpriseArrange.Profile(name, code, "510100")));
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
    }

    [Fact]
    public async Task The_regulator_of_the_old_region_still_supervises_the_certificate_after_the_operator_moves_the_enterprise()
    {
        var (client, id) = await EnterpriseArrange.RegisteredAsync(api, "510100");
        var certificate = await EnterpriseArrange.CertifyAsync(api, client, grade: 3);
        var (hainan, _) = await OrganizationArrange.WithClientAsync(api, "regulator", "460000");

        var moved = await OrganizationArrange.ChangeIdentityAsync(api, await api.ClientAsAsync("admin"), id,
            new { regionCode = "460100", reason = "企业迁址至海口市，已办理工商变更登记" });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);

        var detail = await EnterpriseAsync(id);
        Assert.Equal("460100", detail.GetProperty("regionCode").GetString());
        Assert.Equal("510100", detail.GetProperty("certificate").GetProperty("supervisingRegionCode").GetString());
        var hainanDirectory = await (await api.CreateClient().GetAsync("/api/v1/enterprises?region=460000&pageSize=100")).JsonAsync();
        Assert.Contains(hainanDirectory.GetProperty("items").EnumerateArray(), e => e.GetProperty("id").GetGuid() == id);

        // The certificate is public in the directory: Hainan's regulator sees it but does not supervise it (403).
        await (await SuspendAsync(hainan, certificate)).ProblemAsync(403);
        Assert.Equal("active", (await EnterpriseAsync(id)).GetProperty("certificate").GetProperty("status").GetString());
        var suspended = await SuspendAsync(await api.ClientAsAsync("sichuan"), certificate);
        Assert.Equal("suspended", (await suspended.JsonAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_reissued_certificate_is_supervised_by_the_enterprises_region_at_its_approval()
    {
        var (client, id) = await EnterpriseArrange.RegisteredAsync(api, "510100");
        await EnterpriseArrange.CertifyAsync(api, client, grade: 3);
        await OrganizationArrange.ChangeIdentityAsync(api, await api.ClientAsAsync("admin"), id, new { regionCode = "460100", reason = "迁址" });
        // The move ended the enterprise's tokens; its system comes back with a token issued after the move.
        var moved = await ClientIssuedAfterTheMoveAsync(id);

        var reissued = await EnterpriseArrange.CertifyAsync(api, moved, grade: 3);

        var certificate = (await EnterpriseAsync(id)).GetProperty("certificate");
        Assert.Equal(reissued, certificate.GetProperty("id").GetGuid());
        Assert.Equal("460100", certificate.GetProperty("supervisingRegionCode").GetString());
        // Public in the directory, so Sichuan's regulator sees it; supervising it is Hainan's now (403).
        await (await SuspendAsync(await api.ClientAsAsync("sichuan"), reissued)).ProblemAsync(403);
        Assert.Equal("active", (await EnterpriseAsync(id)).GetProperty("certificate").GetProperty("status").GetString());
    }

    // Token issue times have whole seconds and a token issued in the second of the withdrawal is refused, so the new client
    // asks for its token once that second is over (a wait, not a timed assertion).
    private async Task<HttpClient> ClientIssuedAfterTheMoveAsync(Guid organization)
    {
        await api.Services.GetRequiredService<Registry.Api.Hosting.WithdrawnAccess>().NextRefreshAsync();
        var admin = await api.ClientAsAsync("admin");
        var secret = await (await admin.PostAsync("/api/v1/admin/clients", JsonBody.Of(new { organizationId = organization, displayName = "迁址后系统" })))
            .SucceededJsonAsync();
        var now = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromMilliseconds(1100 - now.Millisecond));
        var token = await (await RegistryApi.RequestTokenAsync(api, secret.GetProperty("clientId").GetString()!, secret.GetProperty("clientSecret").GetString()!))
            .SucceededJsonAsync();
        return RegistryApi.BearerClient(api, token.GetProperty("access_token").GetString()!);
    }
}

public sealed class EnterpriseIdentityTests_Sqlite(SqliteApi api) : EnterpriseIdentityTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class EnterpriseIdentityTests_PostgreSql(PostgreSqlApi api) : EnterpriseIdentityTests(api), IClassFixture<PostgreSqlApi>;
