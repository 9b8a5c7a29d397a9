using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Registry.Api.Hosting;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.Access;

public abstract class TokenTests(RegistryApi api)
{
    private static JsonElement Claims(string jwt)
    {
        var payload = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload += new string('=', (4 - payload.Length % 4) % 4);
        return JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload))).RootElement;
    }

    [Fact]
    public async Task Discovery_and_keys_are_published()
    {
        var client = api.CreateClient();
        var discovery = await (await client.GetAsync("/.well-known/openid-configuration")).JsonAsync();

        Assert.EndsWith("/connect/token", discovery.GetProperty("token_endpoint").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/connect/authorize", discovery.GetProperty("authorization_endpoint").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/connect/revoke", discovery.GetProperty("revocation_endpoint").GetString(), StringComparison.Ordinal);
        Assert.Contains("client_credentials", discovery.GetProperty("grant_types_supported").EnumerateArray().Select(g => g.GetString()));
        var keys = await (await client.GetAsync(new Uri(discovery.GetProperty("jwks_uri").GetString()!).PathAndQuery)).JsonAsync();
        Assert.NotEmpty(keys.GetProperty("keys").EnumerateArray());
    }

    [Fact]
    public async Task A_client_credentials_token_carries_role_organization_and_region_and_is_signed_not_encrypted()
    {
        var token = await api.TokenAsync("sichuan");

        Assert.Equal(3, token.Split('.').Length); // a JWS; an encrypted token (JWE) has five parts
        var claims = Claims(token);
        Assert.Equal("regulator", claims.GetProperty("role").GetString());
        Assert.Equal("510000", claims.GetProperty("region").GetString());
        Assert.Equal(await api.OrganizationIdAsync("sichuan"), Guid.Parse(claims.GetProperty("org_id").GetString()!));
    }

    [Fact]
    public async Task A_wrong_client_secret_gets_no_token()
    {
        var response = await api.CreateClient().PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "demo-nda", ["client_secret"] = "wrong", ["scope"] = "registry.api",
        }));

        Assert.False(response.IsSuccessStatusCode);
        Assert.Equal("invalid_client", (await response.JsonAsync()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_forged_or_missing_token_is_a_401_problem()
    {
        var client = api.CreateClient();
        await (await client.GetAsync("/api/v1/organizations")).ProblemAsync(401);

        var token = await api.TokenAsync("nda");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token[..^4] + "AAAA");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/organizations")).StatusCode);
    }

    [Fact]
    public async Task The_full_authorization_code_flow_with_PKCE_signs_a_person_in()
    {
        var browser = new BrowserSession(api);
        var page = await browser.OpenSignInPageAsync();
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("登录", html, StringComparison.Ordinal);
        Assert.Contains("Sign in", html, StringComparison.Ordinal);

        var code = await browser.CodeAfterSignInAsync(await browser.SignInAsync(page, "cd.health", DemoData.Password));
        var tokens = await browser.RedeemAsync(code);

        var claims = Claims(tokens.GetProperty("access_token").GetString()!);
        Assert.Equal("agency", claims.GetProperty("role").GetString());
        Assert.Equal("510100", claims.GetProperty("region").GetString());
        Assert.True(tokens.TryGetProperty("refresh_token", out _));
        Assert.True(tokens.TryGetProperty("id_token", out _));

        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("access_token").GetString());
        var me = await (await client.GetAsync("/connect/userinfo")).JsonAsync();
        Assert.Equal("成都市卫生健康委员会", me.GetProperty("name").GetString());
        var own = await client.GetAsync($"/api/v1/organizations/{await api.OrganizationIdAsync("cd.health")}");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task A_refresh_token_rotates_and_a_revoked_one_no_longer_works()
    {
        var browser = new BrowserSession(api);
        var page = await browser.OpenSignInPageAsync();
        var tokens = await browser.RedeemAsync(await browser.CodeAfterSignInAsync(await browser.SignInAsync(page, "shuyu", DemoData.Password)));
        var refresh = tokens.GetProperty("refresh_token").GetString()!;

        var refreshed = await browser.RefreshAsync(refresh);
        var next = await refreshed.JsonAsync();
        Assert.True(refreshed.IsSuccessStatusCode, next.ToString());
        var rotated = next.GetProperty("refresh_token").GetString()!;
        Assert.NotEqual(refresh, rotated);

        var revoke = await browser.Http.PostAsync("/connect/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = rotated, ["token_type_hint"] = "refresh_token", ["client_id"] = "registry-portal",
        }));
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);

        var refused = await browser.RefreshAsync(rotated);
        Assert.False(refused.IsSuccessStatusCode);
        Assert.Equal("invalid_grant", (await refused.JsonAsync()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_new_person_must_replace_the_initial_password_before_signing_in()
    {
        var admin = await api.ClientAsAsync("admin");
        var username = "new." + Guid.NewGuid().ToString("N")[..8];
        var created = await admin.PostAsync("/api/v1/admin/users", JsonBody.Of(new
        {
            organizationId = await api.OrganizationIdAsync("zhijia"), username, displayName = "新同事", initialPassword = "Initial2026xyz",
        }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.True((await created.JsonAsync()).GetProperty("mustChangePassword").GetBoolean());

        var browser = new BrowserSession(api);
        var page = await browser.OpenSignInPageAsync();
        var change = await browser.SignInAsync(page, username, "Initial2026xyz");
        Assert.Contains("/account/change-password", await change.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var weak = await browser.SubmitAsync(change, "/account/change-password",
            new() { ["username"] = username, ["currentPassword"] = "Initial2026xyz", ["newPassword"] = "short" });
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);

        var changed = await browser.SubmitAsync(weak, "/account/change-password",
            new() { ["username"] = username, ["currentPassword"] = "Initial2026xyz", ["newPassword"] = "Chosen2026password" });
        var tokens = await browser.RedeemAsync(await browser.CodeAfterSignInAsync(changed));
        Assert.Equal("enterprise", Claims(tokens.GetProperty("access_token").GetString()!).GetProperty("role").GetString());
    }

    [Fact]
    public async Task The_sign_in_form_refuses_a_post_without_its_anti_forgery_token()
    {
        var response = await api.CreateClient().PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = "nda", ["password"] = DemoData.Password,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}

public sealed class TokenTests_Sqlite(SqliteApi api) : TokenTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class TokenTests_PostgreSql(PostgreSqlApi api) : TokenTests(api), IClassFixture<PostgreSqlApi>;
