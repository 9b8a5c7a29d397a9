using System.Net;
using System.Text;
using System.Text.Json;
using Registry.Api.Hosting;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.Access;

/// <summary>The API accepts only access tokens granted the <c>registry.api</c> scope, whose audience is <c>registry-api</c>.</summary>
public abstract class AudienceTests(RegistryApi api)
{
    private static JsonElement Claims(string jwt)
    {
        var payload = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload += new string('=', (4 - payload.Length % 4) % 4);
        return JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload))).RootElement;
    }

    [Fact]
    public async Task A_token_granted_the_API_scope_names_the_API_as_its_audience()
    {
        var claims = Claims(await api.TokenAsync("cd.health"));

        Assert.Equal("registry-api", claims.GetProperty("aud").GetString());
        Assert.Contains("registry.api", claims.GetProperty("scope").GetString()!.Split(' '));
    }

    [Fact]
    public async Task A_client_token_without_the_API_scope_is_refused_by_the_API()
    {
        var response = await RegistryApi.RequestTokenAsync(api, "demo-cd-health", "demo-secret-cd-health", scope: null);
        var body = await response.JsonAsync();
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        var token = body.GetProperty("access_token").GetString()!;
        Assert.False(Claims(token).TryGetProperty("aud", out _));

        var client = RegistryApi.BearerClient(api, token);
        await (await client.GetAsync("/api/v1/demands/mine")).ProblemAsync(401);
        await (await client.PostAsync("/api/v1/demands", JsonBody.Of(Demands.DemandArrange.Demand("无范围令牌")))).ProblemAsync(401);
    }

    [Fact]
    public async Task A_person_signed_in_without_the_API_scope_reads_userinfo_but_not_the_API()
    {
        var browser = new BrowserSession(api, scope: "openid profile offline_access");
        var page = await browser.OpenSignInPageAsync();
        var tokens = await browser.RedeemAsync(await browser.CodeAfterSignInAsync(await browser.SignInAsync(page, "cd.health", DemoData.Password)));
        var client = RegistryApi.BearerClient(api, tokens.GetProperty("access_token").GetString()!);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/connect/userinfo")).StatusCode);
        await (await client.GetAsync("/api/v1/demands/mine")).ProblemAsync(401);
    }
}

public sealed class AudienceTests_Sqlite(SqliteApi api) : AudienceTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class AudienceTests_PostgreSql(PostgreSqlApi api) : AudienceTests(api), IClassFixture<PostgreSqlApi>;
