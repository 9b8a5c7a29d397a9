using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Tests.Demands;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.Access;

/// <summary>Validated access tokens are remembered until they expire, and the memory never widens what a token may do.</summary>
public abstract class TokenCacheTests(RegistryApi api)
{
    private static HttpRequestMessage Mine(string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/demands/mine");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private static async Task<string> TokenAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> host) =>
        (await (await host.CreateClient().PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "demo-cd-health", ["client_secret"] = "demo-secret-cd-health", ["scope"] = "registry.api",
        }))).JsonAsync()).GetProperty("access_token").GetString()!;

    [Fact]
    public async Task A_remembered_token_is_refused_once_it_expires()
    {
        var clock = new TestClock(DateTimeOffset.UtcNow);
        await using var host = api.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        var token = await TokenAsync(host);
        var client = host.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Mine(token))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Mine(token))).StatusCode);
        clock.Set(clock.GetUtcNow().AddMinutes(14));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Mine(token))).StatusCode);
        clock.Set(clock.GetUtcNow().AddMinutes(2)); // past the 15-minute lifetime
        await (await client.SendAsync(Mine(token))).ProblemAsync(401);
    }

    [Fact]
    public async Task A_token_altered_after_the_real_one_was_remembered_is_refused()
    {
        var token = await api.TokenAsync("cd.health");
        var client = api.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Mine(token))).StatusCode);

        var parts = token.Split('.');
        var forged = parts[0] + "." + parts[1] + "." + new string(parts[2].Reverse().ToArray());
        await (await client.SendAsync(Mine(forged))).ProblemAsync(401);
        await (await client.SendAsync(Mine(token + "x"))).ProblemAsync(401);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Mine(token))).StatusCode);
    }

    [Fact]
    public async Task A_token_gets_the_same_answer_under_every_host_cached_or_not()
    {
        // The issuer is configured, never read from the Host header, so a Host cannot turn a refusal into an acceptance.
        var token = await api.TokenAsync("cd.health");
        var client = api.CreateClient();
        var elsewhere = new Uri("http://registry.example/api/v1/demands/mine");
        var first = Mine(token);
        first.RequestUri = elsewhere;
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(first)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Mine(token))).StatusCode);

        var forged = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];
        foreach (var uri in new[] { elsewhere, new Uri("http://localhost/api/v1/demands/mine"), elsewhere })
        {
            var refused = Mine(forged);
            refused.RequestUri = uri;
            await (await client.SendAsync(refused)).ProblemAsync(401);
        }
    }

    [Fact]
    public async Task A_token_is_read_from_the_Authorization_header_only_never_from_the_query_string_or_a_form_body()
    {
        // A token in an address ends up in access logs, proxies and browser histories: it is not a credential here.
        var token = await api.TokenAsync("cd.health");
        var client = api.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Mine(token))).StatusCode);

        foreach (var path in new[] { "/api/v1/demands/mine", "/api/v1/demands/mine?access_token=" + Uri.EscapeDataString(token) })
        {
            var refused = await client.GetAsync(path);
            await refused.ProblemAsync(401);
            Assert.Equal("Bearer", refused.Headers.WwwAuthenticate.Single().Scheme);
            Assert.Null(refused.Headers.WwwAuthenticate.Single().Parameter);
        }
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["access_token"] = token });
        // An endpoint without a body of its own, so nothing but the credential decides: an agency token read from the form would be a 403.
        await (await client.PostAsync("/api/v1/admin/jobs/audit-checkpoint", form)).ProblemAsync(401);
    }

    [Fact]
    public async Task A_remembered_token_still_gets_403_where_its_role_may_not_go()
    {
        var token = await api.TokenAsync("cd.health");
        var client = api.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Mine(token))).StatusCode);
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/admin/users");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await (await client.SendAsync(request)).ProblemAsync(403);
    }
}

public sealed class TokenCacheTests_Sqlite(SqliteApi api) : TokenCacheTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class TokenCacheTests_PostgreSql(PostgreSqlApi api) : TokenCacheTests(api), IClassFixture<PostgreSqlApi>;
