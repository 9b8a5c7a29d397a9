using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Registry.Api.Hosting;

namespace Registry.Api.Tests.Infrastructure;

/// <summary>
/// The real API host over a real, empty database of one provider; one instance (and one database) per test class.
/// Subclasses pick the provider, so a test class runs on every provider by deriving once per provider.
/// </summary>
public abstract class RegistryApi : WebApplicationFactory<Program>, IAsyncLifetime
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public abstract string Provider { get; }

    public string ConnectionString { get; private set; } = "";

    protected abstract Task<string> CreateDatabaseAsync();

    protected virtual Task DropDatabaseAsync() => Task.CompletedTask;

    private readonly Dictionary<string, string> _tokens = [];
    private readonly SemaphoreSlim _tokenLock = new(1, 1);

    public async Task InitializeAsync()
    {
        ConnectionString = await CreateDatabaseAsync();
        _ = Server; // starts the host: migrations run now, not inside the first test
        await DemoData.SeedAsync(Services, NullLogger.Instance, withDirectory: false);
    }

    /// <summary>A real access token of a demo organization's API client (client credentials over HTTP).</summary>
    public async Task<string> TokenAsync(string demoUsername)
    {
        await _tokenLock.WaitAsync();
        try
        {
            if (_tokens.TryGetValue(demoUsername, out var cached)) return cached;
            var demo = DemoData.Organizations.Single(o => o.Username == demoUsername);
            var response = await CreateClient().PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials", ["client_id"] = demo.ClientId, ["client_secret"] = demo.ClientSecret,
                ["scope"] = "registry.api",
            }));
            var body = await response.JsonAsync();
            Assert.True(response.IsSuccessStatusCode, body.ToString());
            return _tokens[demoUsername] = body.GetProperty("access_token").GetString()!;
        }
        finally
        {
            _tokenLock.Release();
        }
    }

    /// <summary>Asks a host's token endpoint for a client credentials token (granted <paramref name="scope"/>, when given).</summary>
    public static Task<HttpResponseMessage> RequestTokenAsync(WebApplicationFactory<Program> host, string clientId, string secret,
        string? scope = "registry.api")
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret };
        if (scope is not null) form["scope"] = scope;
        return host.CreateClient().PostAsync("/connect/token", new FormUrlEncodedContent(form));
    }

    /// <summary>Revokes an access token at <c>/connect/revoke</c> as the client it was issued to; asserts the server accepted it.</summary>
    public static async Task RevokeAccessTokenAsync(HttpClient client, string clientId, string secret, string token)
    {
        var revoked = await client.PostAsync("/connect/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = clientId, ["client_secret"] = secret, ["token"] = token, ["token_type_hint"] = "access_token",
        }));
        Assert.Equal(System.Net.HttpStatusCode.OK, revoked.StatusCode);
    }

    /// <summary>An HTTP client of a host that sends a bearer token.</summary>
    public static HttpClient BearerClient(WebApplicationFactory<Program> host, string token)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>An HTTP client that sends the demo organization's bearer token.</summary>
    public async Task<HttpClient> ClientAsAsync(string demoUsername)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await TokenAsync(demoUsername));
        return client;
    }

    /// <summary>The id of a demo organization, read back over the API by the operator.</summary>
    public async Task<Guid> OrganizationIdAsync(string demoUsername)
    {
        var demo = DemoData.Organizations.Single(o => o.Username == demoUsername);
        var admin = await ClientAsAsync("admin");
        var page = await (await admin.GetAsync($"/api/v1/organizations?search={Uri.EscapeDataString(demo.NameZh)}")).JsonAsync();
        return page.GetProperty("items")[0].GetProperty("id").GetGuid();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Provider);
        builder.UseSetting("ConnectionStrings:Primary", ConnectionString);
        builder.UseSetting("Database:MigrateOnStart", "true");
        builder.UseSetting("Jobs:Enabled", "false");
        // Tests run the outbox projector when they mean to (Projector.RunOnceAsync), or turn the hosted loop on for their own host.
        builder.UseSetting("Projections:Enabled", "false");
        // Arrangements send hundreds of requests a second as one admin client; the limiter has its own host in SecurityHostTests.
        builder.UseSetting("RateLimiting:TokenLimit", "1000000");
        builder.UseSetting("RateLimiting:TokensPerPeriod", "1000000");
        // Tests wait for the next refresh (WithdrawnAccess.NextRefreshAsync) rather than a time, so a short interval only speeds them up.
        builder.UseSetting("Identity:WithdrawalRefreshSeconds", "0.2");
        // Outside Development no demo redirect address is registered: the tests' browser uses this one.
        builder.UseSetting("Identity:PortalRedirectUris:0", "http://localhost/callback");
    }

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await DropDatabaseAsync();
    }
}

public sealed class SqliteApi : RegistryApi
{
    private string? _folder;

    public override string Provider => "Sqlite";

    protected override Task<string> CreateDatabaseAsync()
    {
        _folder = Directory.CreateTempSubdirectory("registry-test-").FullName;
        return Task.FromResult(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(_folder, "registry.db"), ForeignKeys = true, DefaultTimeout = 30, Pooling = false,
        }.ToString());
    }

    protected override Task DropDatabaseAsync()
    {
        SqliteConnection.ClearAllPools();
        if (_folder is not null && Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
        _folder = null;
        return Task.CompletedTask;
    }
}

public sealed class PostgreSqlApi : RegistryApi
{
    private string? _database;

    public override string Provider => "PostgreSql";

    /// <summary>Connection string of the test cluster's maintenance database, set by infra/test.sh.</summary>
    public static string MaintenanceConnection =>
        Environment.GetEnvironmentVariable("REGISTRY_TEST_POSTGRES") is { Length: > 0 } cs ? cs
            : throw new InvalidOperationException(
                "REGISTRY_TEST_POSTGRES is not set: run the tests with infra/test.sh, which starts a throwaway PostgreSQL cluster.");

    protected override async Task<string> CreateDatabaseAsync()
    {
        _database = "registry_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(MaintenanceConnection))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"create database {_database} encoding 'UTF8' template template0", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(MaintenanceConnection) { Database = _database }.ToString();
    }

    protected override async Task DropDatabaseAsync()
    {
        if (_database is null) return;
        var database = _database;
        _database = null;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(MaintenanceConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"drop database if exists {database} with (force)", connection);
        await command.ExecuteNonQueryAsync();
    }
}

public static class HttpAssertions
{
    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(RegistryApi.Json))!;

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(RegistryApi.Json);

    /// <summary>The JSON body of an answer an arrangement needs to have succeeded; otherwise fails with the status and the problem it got.</summary>
    public static async Task<JsonElement> SucceededJsonAsync(this HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
            Assert.Fail($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.JsonAsync();
    }

    /// <summary>Asserts an RFC 9457 problem details answer with the status, and that nothing internal leaks.</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, int status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"Expected {status} but got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        var body = JsonDocument.Parse(text).RootElement;
        Assert.Equal(status, body.GetProperty("status").GetInt32());
        Assert.StartsWith("/problems/", body.GetProperty("type").GetString(), StringComparison.Ordinal);
        return body;
    }
}
