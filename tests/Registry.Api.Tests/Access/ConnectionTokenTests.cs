using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Hosting;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.Access;

/// <summary>
/// A kept-alive connection remembers the last token admitted on it, and that memory never admits what OpenIddict's validation
/// would refuse: another caller's token, a forged or lengthened one, an expired one, a revoked one. The host is served by Kestrel
/// over real sockets, and each client counts the connections it opened: every request of a test travels on one.
/// </summary>
public abstract class ConnectionTokenTests(RegistryApi api)
{
    private sealed class Served(WebApplicationFactory<Program> host) : IAsyncDisposable
    {
        private int _connections;

        public WebApplicationFactory<Program> Host { get; } = host;

        /// <summary>How many connections <see cref="Client"/> opened.</summary>
        public int Connections => Volatile.Read(ref _connections);

        /// <summary>One connection at most, kept alive between requests.</summary>
        public HttpClient Client { get; private set; } = null!;

        public static Served Start(WebApplicationFactory<Program> api, TimeProvider? clock = null)
        {
            var host = api.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            {
                if (clock is not null) s.AddSingleton(clock);
            }));
            host.UseKestrel(0);
            host.StartServer();
            var served = new Served(host);
            var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            served.Client = new HttpClient(new SocketsHttpHandler
            {
                MaxConnectionsPerServer = 1,
                PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
                ConnectCallback = async (context, ct) =>
                {
                    Interlocked.Increment(ref served._connections);
                    var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                    await socket.ConnectAsync(context.DnsEndPoint, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                },
            }) { BaseAddress = new Uri(address) };
            return served;
        }

        public async Task<string> TokenAsync(string demoUsername)
        {
            var demo = DemoData.Organizations.Single(o => o.Username == demoUsername);
            var response = await Client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials", ["client_id"] = demo.ClientId, ["client_secret"] = demo.ClientSecret,
                ["scope"] = "registry.api",
            }));
            var body = await response.JsonAsync();
            Assert.True(response.IsSuccessStatusCode, body.ToString());
            return body.GetProperty("access_token").GetString()!;
        }

        public Task<HttpResponseMessage> GetAsync(string path, string token)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return Client.SendAsync(request);
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await Host.DisposeAsync();
        }
    }

    [Fact]
    public async Task Another_callers_token_on_the_same_connection_gets_its_own_answer()
    {
        await using var served = Served.Start(api);
        var admin = await served.TokenAsync("admin");
        var agency = await served.TokenAsync("cd.health");

        Assert.Equal(HttpStatusCode.OK, (await served.GetAsync("/api/v1/admin/users", admin)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await served.GetAsync("/api/v1/admin/users", admin)).StatusCode);
        await (await served.GetAsync("/api/v1/admin/users", agency)).ProblemAsync(403);
        Assert.Equal(HttpStatusCode.OK, (await served.GetAsync("/api/v1/demands/mine", agency)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await served.GetAsync("/api/v1/admin/users", admin)).StatusCode);
        Assert.Equal(1, served.Connections);
    }

    [Fact]
    public async Task A_forged_or_lengthened_token_after_the_real_one_is_refused_on_the_same_connection()
    {
        await using var served = Served.Start(api);
        var admin = await served.TokenAsync("admin");
        Assert.Equal(HttpStatusCode.OK, (await served.GetAsync("/api/v1/admin/users", admin)).StatusCode);

        var parts = admin.Split('.');
        var forged = parts[0] + "." + parts[1] + "." + new string(parts[2].Reverse().ToArray());
        await (await served.GetAsync("/api/v1/admin/users", forged)).ProblemAsync(401);
        await (await served.GetAsync("/api/v1/admin/users", admin + "x")).ProblemAsync(401);
        await (await served.GetAsync("/api/v1/admin/users", admin[..^1])).ProblemAsync(401);
        Assert.Equal(HttpStatusCode.OK, (await served.GetAsync("/api/v1/admin/users", admin)).StatusCode);
        Assert.Equal(1, served.Connections);
    }

    [Fact]
    public async Task A_remembered_token_is_refused_on_its_connection_once_it_expires()
    {
        var clock = new TestClock(DateTimeOffset.UtcNow);
        await using var served = Served.Start(api, clock);
        var agency = await served.TokenAsync("cd.health");

        Assert.Equal(HttpStatusCode.OK, (await served.GetAsync("/api/v1/demands/mine", agency)).StatusCode);
        clock.Set(clock.GetUtcNow().AddMinutes(14));
        Assert.Equal(HttpStatusCode.OK, (await served.GetAsync("/api/v1/demands/mine", agency)).StatusCode);
        clock.Set(clock.GetUtcNow().AddMinutes(2)); // past the 15-minute lifetime
        await (await served.GetAsync("/api/v1/demands/mine", agency)).ProblemAsync(401);
        Assert.Equal(1, served.Connections);
    }

    [Fact]
    public async Task A_token_revoked_while_its_connection_remembers_it_is_refused_on_that_connection()
    {
        await using var served = Served.Start(api);
        var demo = DemoData.Organizations.Single(o => o.Username == "cd.health");
        var revoked = await served.TokenAsync("cd.health");
        var other = await served.TokenAsync("cd.health");
        Assert.Equal(HttpStatusCode.OK, (await served.GetAsync("/api/v1/demands/mine", revoked)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await served.GetAsync("/api/v1/demands/mine", revoked)).StatusCode);

        await RegistryApi.RevokeAccessTokenAsync(served.Client, demo.ClientId, demo.ClientSecret, revoked);
        await served.Host.Services.GetRequiredService<WithdrawnAccess>().NextRefreshAsync();

        await (await served.GetAsync("/api/v1/demands/mine", revoked)).ProblemAsync(401);
        Assert.Equal(HttpStatusCode.OK, (await served.GetAsync("/api/v1/demands/mine", other)).StatusCode);
        Assert.Equal(1, served.Connections);
    }
}

public sealed class ConnectionTokenTests_Sqlite(SqliteApi api) : ConnectionTokenTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class ConnectionTokenTests_PostgreSql(PostgreSqlApi api) : ConnectionTokenTests(api), IClassFixture<PostgreSqlApi>;
