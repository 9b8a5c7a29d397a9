using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Hosting;
using Registry.Api.Tests.Infrastructure;
using Registry.Domain.Identifiers;

namespace Registry.Api.Tests.Access;

/// <summary>
/// Withdrawn access ends on every instance within one refresh of the withdrawn set, not at the token's expiry: each test
/// waits for the next refresh that starts after the withdrawal (the host refreshes every 0.2 s here), never for a time.
/// </summary>
public abstract class AccessWithdrawalTests(RegistryApi api)
{
    private static Task NextRefreshAsync(WebApplicationFactory<Program> host) =>
        host.Services.GetRequiredService<WithdrawnAccess>().NextRefreshAsync();

    private async Task<long> AuditRecordsAsync() =>
        (await (await (await api.ClientAsAsync("nda")).GetAsync("/api/v1/audit/verify")).JsonAsync()).GetProperty("records").GetInt64();

    /// <summary>A new agency with an API client of its own, so that withdrawing it disturbs no other test.</summary>
    private async Task<(JsonElement Organization, string ClientId, string Secret)> NewAgencyAsync()
    {
        var admin = await api.ClientAsAsync("admin");
        var organization = await (await admin.PostAsync("/api/v1/organizations", JsonBody.Of(new
        {
            nameZh = "撤销测试局" + Guid.NewGuid().ToString("N")[..6], kind = "agency", regionCode = "340100",
            creditCode = TestCreditCodes.Next("11340100MB"),
        }))).JsonAsync();
        var (clientId, secret) = await NewClientAsync(organization.GetProperty("id").GetGuid());
        return (organization, clientId, secret);
    }

    private async Task<(string ClientId, string Secret)> NewClientAsync(Guid organizationId)
    {
        var admin = await api.ClientAsAsync("admin");
        var created = await (await admin.PostAsync("/api/v1/admin/clients", JsonBody.Of(new { organizationId, displayName = "业务系统" }))).JsonAsync();
        return (created.GetProperty("clientId").GetString()!, created.GetProperty("clientSecret").GetString()!);
    }

    private static async Task<string> TokenAsync(WebApplicationFactory<Program> host, string clientId, string secret)
    {
        var response = await RegistryApi.RequestTokenAsync(host, clientId, secret);
        var body = await response.JsonAsync();
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        return body.GetProperty("access_token").GetString()!;
    }

    [Fact]
    public async Task A_deactivated_organizations_live_token_is_refused_and_creates_no_demand()
    {
        var (organization, clientId, secret) = await NewAgencyAsync();
        var agency = RegistryApi.BearerClient(api, await TokenAsync(api, clientId, secret));
        Assert.Equal(HttpStatusCode.OK, (await agency.GetAsync("/api/v1/demands/mine")).StatusCode);

        var deactivate = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/organizations/{organization.GetProperty("id").GetGuid()}")
        {
            Content = JsonBody.Of(new
            {
                nameZh = organization.GetProperty("nameZh").GetString(), regionCode = "340100",
                creditCode = organization.GetProperty("creditCode").GetString(), active = false,
            }),
        };
        deactivate.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{organization.GetProperty("version").GetInt64()}\""));
        Assert.Equal(HttpStatusCode.OK, (await (await api.ClientAsAsync("admin")).SendAsync(deactivate)).StatusCode);
        await NextRefreshAsync(api);
        var auditBefore = await AuditRecordsAsync();

        await (await agency.GetAsync("/api/v1/demands/mine")).ProblemAsync(401);
        await (await agency.PostAsync("/api/v1/demands", JsonBody.Of(Demands.DemandArrange.Demand("停用后的需求")))).ProblemAsync(401);
        Assert.Equal(auditBefore, await AuditRecordsAsync());
    }

    private async Task<JsonElement> SetActiveAsync(JsonElement organization, bool active)
    {
        var admin = await api.ClientAsAsync("admin");
        var id = organization.GetProperty("id").GetGuid();
        var read = await admin.GetAsync($"/api/v1/organizations/{id}");
        var update = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/organizations/{id}")
        {
            Content = JsonBody.Of(new
            {
                nameZh = organization.GetProperty("nameZh").GetString(), regionCode = "340100",
                creditCode = organization.GetProperty("creditCode").GetString(), active,
            }),
        };
        update.Headers.IfMatch.Add(read.Headers.ETag!);
        var response = await admin.SendAsync(update);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    [Fact]
    public async Task A_reactivated_organization_works_again_with_new_tokens_but_not_the_old_ones()
    {
        var (organization, clientId, secret) = await NewAgencyAsync();
        var old = RegistryApi.BearerClient(api, await TokenAsync(api, clientId, secret));
        await SetActiveAsync(organization, false);
        // Token issue times have whole seconds: the withdrawal is moved a little back, so that a token issued after the
        // reactivation is not in the withdrawal's second whatever the test's speed.
        await Demands.DemandArrange.BackdateAsync(api, "update withdrawn_access set withdrawn_at = @at where subject = @subject",
            new { subject = organization.GetProperty("id").GetGuid().ToString(), at = DateTimeOffset.UtcNow.AddSeconds(-2) });
        await SetActiveAsync(organization, true);

        var renewed = RegistryApi.BearerClient(api, await TokenAsync(api, clientId, secret));
        await NextRefreshAsync(api);

        Assert.Equal(HttpStatusCode.OK, (await renewed.GetAsync("/api/v1/demands/mine")).StatusCode);
        await (await old.GetAsync("/api/v1/demands/mine")).ProblemAsync(401); // revoked in the token store at deactivation
    }

    [Fact]
    public async Task A_deactivated_persons_live_token_is_refused_and_cannot_be_refreshed()
    {
        var admin = await api.ClientAsAsync("admin");
        var username = "leaver." + Guid.NewGuid().ToString("N")[..8];
        var organizationId = await api.OrganizationIdAsync("zhijia");
        var created = await admin.PostAsync("/api/v1/admin/users", JsonBody.Of(new
        {
            organizationId, username, displayName = "离职员工", initialPassword = "Initial2026xyz",
        }));
        var user = await created.JsonAsync();
        var browser = new BrowserSession(api);
        var change = await browser.SignInAsync(await browser.OpenSignInPageAsync(), username, "Initial2026xyz");
        var changed = await browser.SubmitAsync(change, "/account/change-password",
            new() { ["username"] = username, ["currentPassword"] = "Initial2026xyz", ["newPassword"] = "Chosen2026password" });
        var tokens = await browser.RedeemAsync(await browser.CodeAfterSignInAsync(changed));
        var person = RegistryApi.BearerClient(api, tokens.GetProperty("access_token").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await person.GetAsync("/api/v1/bids/mine")).StatusCode);

        var current = await (await admin.GetAsync($"/api/v1/admin/users?organizationId={organizationId}&pageSize=100")).JsonAsync();
        var version = current.GetProperty("items").EnumerateArray().Single(u => u.GetProperty("username").GetString() == username).GetProperty("version").GetInt64();
        var deactivate = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/admin/users/{user.GetProperty("id").GetGuid()}")
        {
            Content = JsonBody.Of(new { displayName = "离职员工", active = false, unlock = false }),
        };
        deactivate.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(deactivate)).StatusCode);
        await NextRefreshAsync(api);

        await (await person.GetAsync("/api/v1/bids/mine")).ProblemAsync(401);
        var refreshed = await browser.RefreshAsync(tokens.GetProperty("refresh_token").GetString()!);
        Assert.False(refreshed.IsSuccessStatusCode);
        Assert.Equal("invalid_grant", (await refreshed.JsonAsync()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_deactivated_API_clients_live_token_is_refused_and_it_gets_no_new_one()
    {
        var (_, clientId, secret) = await NewAgencyAsync();
        var system = RegistryApi.BearerClient(api, await TokenAsync(api, clientId, secret));
        Assert.Equal(HttpStatusCode.OK, (await system.GetAsync("/api/v1/demands/mine")).StatusCode);

        var deactivated = await (await api.ClientAsAsync("admin")).PostAsync($"/api/v1/admin/clients/{clientId}/deactivate", null);
        Assert.Equal(HttpStatusCode.OK, deactivated.StatusCode);
        Assert.False((await deactivated.JsonAsync()).GetProperty("active").GetBoolean());
        await NextRefreshAsync(api);

        await (await system.GetAsync("/api/v1/demands/mine")).ProblemAsync(401);
        var again = await RegistryApi.RequestTokenAsync(api, clientId, secret);
        Assert.Equal("invalid_client", (await again.JsonAsync()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task An_access_token_revoked_at_connect_revoke_is_refused_and_only_that_one()
    {
        var (_, clientId, secret) = await NewAgencyAsync();
        var revokedToken = await TokenAsync(api, clientId, secret);
        var otherToken = await TokenAsync(api, clientId, secret);
        var revoked = RegistryApi.BearerClient(api, revokedToken);
        Assert.Equal(HttpStatusCode.OK, (await revoked.GetAsync("/api/v1/demands/mine")).StatusCode);

        await RegistryApi.RevokeAccessTokenAsync(api.CreateClient(), clientId, secret, revokedToken);
        await NextRefreshAsync(api);

        await (await revoked.GetAsync("/api/v1/demands/mine")).ProblemAsync(401);
        Assert.Equal(HttpStatusCode.OK, (await RegistryApi.BearerClient(api, otherToken).GetAsync("/api/v1/demands/mine")).StatusCode);
    }

    [Fact]
    public async Task A_withdrawal_reaches_another_instance_through_the_database()
    {
        // A second host on the same database, with keys of its own: the tokens it issued are validated only by itself.
        await using var other = api.WithWebHostBuilder(_ => { });
        var (_, clientId, secret) = await NewAgencyAsync();
        var system = RegistryApi.BearerClient(other, await TokenAsync(other, clientId, secret));
        Assert.Equal(HttpStatusCode.OK, (await system.GetAsync("/api/v1/demands/mine")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await (await api.ClientAsAsync("admin")).PostAsync($"/api/v1/admin/clients/{clientId}/deactivate", null)).StatusCode);
        await NextRefreshAsync(other);

        await (await system.GetAsync("/api/v1/demands/mine")).ProblemAsync(401);
    }

    [Fact]
    public async Task A_rotated_secret_is_shown_once_replaces_the_old_one_and_ends_the_old_tokens()
    {
        var (_, clientId, oldSecret) = await NewAgencyAsync();
        var before = RegistryApi.BearerClient(api, await TokenAsync(api, clientId, oldSecret));
        Assert.Equal(HttpStatusCode.OK, (await before.GetAsync("/api/v1/demands/mine")).StatusCode);

        var admin = await api.ClientAsAsync("admin");
        var rotated = await admin.PostAsync($"/api/v1/admin/clients/{clientId}/rotate-secret", null);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var newSecret = (await rotated.JsonAsync()).GetProperty("clientSecret").GetString()!;
        Assert.NotEqual(oldSecret, newSecret);
        await NextRefreshAsync(api);

        Assert.Equal("invalid_client", (await (await RegistryApi.RequestTokenAsync(api, clientId, oldSecret)).JsonAsync()).GetProperty("error").GetString());
        await (await before.GetAsync("/api/v1/demands/mine")).ProblemAsync(401);
        var after = RegistryApi.BearerClient(api, await TokenAsync(api, clientId, newSecret));
        Assert.Equal(HttpStatusCode.OK, (await after.GetAsync("/api/v1/demands/mine")).StatusCode);
        Assert.DoesNotContain(newSecret, await (await admin.GetAsync("/api/v1/admin/clients?pageSize=100")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deactivating_or_rotating_an_unknown_client_is_a_404()
    {
        var admin = await api.ClientAsAsync("admin");
        await (await admin.PostAsync("/api/v1/admin/clients/no-such-client/deactivate", null)).ProblemAsync(404);
        await (await admin.PostAsync("/api/v1/admin/clients/no-such-client/rotate-secret", null)).ProblemAsync(404);
    }
}

public sealed class AccessWithdrawalTests_Sqlite(SqliteApi api) : AccessWithdrawalTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class AccessWithdrawalTests_PostgreSql(PostgreSqlApi api) : AccessWithdrawalTests(api), IClassFixture<PostgreSqlApi>;
