using System.Net;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Hosting;
using Registry.Api.Tests.Infrastructure;
using Registry.Application.Access;
using Registry.Application.Common;

namespace Registry.Api.Tests.Access;

/// <summary>
/// The OAuth server's token store does not grow with every token ever issued: the pruning job deletes entries older than the
/// retention that can no longer be used, and nothing younger, revoked or not.
/// </summary>
public abstract class TokenPruningTests(RegistryApi api)
{
    private static async Task<string> TokenAsync(WebApplicationFactory<Program> host)
    {
        var demo = DemoData.Organizations.Single(o => o.Username == "cd.health");
        var response = await RegistryApi.RequestTokenAsync(host, demo.ClientId, demo.ClientSecret);
        var body = await response.JsonAsync();
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        return body.GetProperty("access_token").GetString()!;
    }

    private static Task RevokeAsync(WebApplicationFactory<Program> host, string token)
    {
        var demo = DemoData.Organizations.Single(o => o.Username == "cd.health");
        return RegistryApi.RevokeAccessTokenAsync(host.CreateClient(), demo.ClientId, demo.ClientSecret, token);
    }

    // The token store's entry of an access token: its id travels in the token as oi_tkn_id.
    private static string EntryOf(string token)
    {
        var payload = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        var json = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '='))));
        return json.RootElement.GetProperty("oi_tkn_id").GetString()!;
    }

    private async Task<bool> StoredAsync(string token)
    {
        await using var connection = await api.Services.GetRequiredService<IConnectionFactory>().OpenPrimaryAsync(default);
        return await connection.ExecuteScalarAsync<long>("""select count(*) from "OpenIddictTokens" where "Id" = @id""", new { id = EntryOf(token) }) == 1;
    }

    [Fact]
    public async Task Entries_past_the_retention_that_cannot_be_used_are_deleted_and_younger_ones_kept()
    {
        var clock = new TestClock(DateTimeOffset.UtcNow);
        await using var host = api.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        var oldRevoked = await TokenAsync(host);
        await RevokeAsync(host, oldRevoked);

        clock.Set(clock.GetUtcNow().AddDays(31));
        var young = await TokenAsync(host);
        var youngRevoked = await TokenAsync(host);
        await RevokeAsync(host, youngRevoked);
        Assert.True(await StoredAsync(oldRevoked));

        var deleted = await CallerScope.SendAsync(host.Services, null, new PruneIssuedTokens(30), default);

        Assert.True(deleted >= 1, $"{deleted} rows deleted");
        Assert.False(await StoredAsync(oldRevoked));
        Assert.True(await StoredAsync(young));
        Assert.True(await StoredAsync(youngRevoked));
        Assert.Equal(HttpStatusCode.OK, (await RegistryApi.BearerClient(host, young).GetAsync("/api/v1/demands/mine")).StatusCode);
    }

    [Fact]
    public async Task Only_the_system_or_an_admin_prunes_and_a_retention_outside_a_day_to_ten_years_is_refused()
    {
        var refused = await Assert.ThrowsAsync<ValidationFailed>(() => CallerScope.SendAsync(api.Services, null, new PruneIssuedTokens(0), default));
        Assert.Contains("retentionDays", refused.Errors.Keys);
        await Assert.ThrowsAsync<Forbidden>(() =>
            CallerScope.SendAsync(api.Services, ("agency", Guid.NewGuid(), "510100"), new PruneIssuedTokens(30), default));
    }
}

public sealed class TokenPruningTests_Sqlite(SqliteApi api) : TokenPruningTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class TokenPruningTests_PostgreSql(PostgreSqlApi api) : TokenPruningTests(api), IClassFixture<PostgreSqlApi>;
