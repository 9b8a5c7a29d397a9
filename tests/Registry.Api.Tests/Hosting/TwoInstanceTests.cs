using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Dapper;
using Npgsql;
using Registry.Api.Hosting;
using Registry.Api.Tests.Demands;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.Hosting;

/// <summary>
/// Two real API processes (<c>dotnet Registry.Api.dll</c>) on their own loopback ports over one PostgreSQL database, as
/// docs/scale-out.md deploys them behind a load balancer: they share the token keys (certificate files), the Data Protection
/// keys (in the database), Hangfire's storage and the projector's leases. The first seeds the demo data; the second starts on it.
/// </summary>
public sealed class TwoInstances : IAsyncLifetime
{
    private const string Issuer = "http://registry.test/", CertificatePassword = "two-instances";

    private readonly string _database = "registry_two_" + Guid.NewGuid().ToString("N")[..10];
    private readonly DirectoryInfo _keys = Directory.CreateTempSubdirectory("registry-two-");
    private readonly List<Process> _hosts = [];

    public string ConnectionString { get; private set; } = "";

    public HttpClient A { get; private set; } = null!;

    public HttpClient B { get; private set; } = null!;

    /// <summary>When both instances answered ready.</summary>
    public DateTimeOffset BothReadyAt { get; private set; }

    public async Task InitializeAsync()
    {
        await using (var maintenance = new NpgsqlConnection(PostgreSqlApi.MaintenanceConnection))
        {
            await maintenance.OpenAsync();
            await maintenance.ExecuteAsync($"create database {_database} encoding 'UTF8' template template0");
        }
        ConnectionString = new NpgsqlConnectionStringBuilder(PostgreSqlApi.MaintenanceConnection) { Database = _database }.ToString();
        var signing = WriteCertificate("signing", X509KeyUsageFlags.DigitalSignature);
        var encryption = WriteCertificate("encryption", X509KeyUsageFlags.KeyEncipherment);
        // One after the other: the first migrates and seeds the empty database, the second finds it ready.
        A = await StartAsync(signing, encryption);
        B = await StartAsync(signing, encryption);
        BothReadyAt = DateTimeOffset.UtcNow;
    }

    private string WriteCertificate(string name, X509KeyUsageFlags usage)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN=Registry two-instance test {name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, critical: true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var path = Path.Combine(_keys.FullName, name + ".pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, CertificatePassword));
        return path;
    }

    private async Task<HttpClient> StartAsync(string signing, string encryption)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", ["Registry.Api.dll", "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["Database__Provider"] = "PostgreSql",
                ["ConnectionStrings__Primary"] = ConnectionString,
                ["Identity__Issuer"] = Issuer,
                ["Identity__SigningCertificate__Path"] = signing,
                ["Identity__SigningCertificate__Password"] = CertificatePassword,
                ["Identity__EncryptionCertificate__Path"] = encryption,
                ["Identity__EncryptionCertificate__Password"] = CertificatePassword,
                ["RateLimiting__Enabled"] = "false",
                ["Logging__LogLevel__Default"] = "Warning",
            },
        };
        var host = Process.Start(start)!;
        _hosts.Add(host);
        host.OutputDataReceived += (_, _) => { };
        host.ErrorDataReceived += (_, _) => { };
        host.BeginOutputReadLine();
        host.BeginErrorReadLine();
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
        var until = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            Assert.False(host.HasExited, $"The instance on port {port} exited with {(host.HasExited ? host.ExitCode : 0)}.");
            try
            {
                if ((await client.GetAsync("/health/ready")).IsSuccessStatusCode) return client;
            }
            catch (HttpRequestException)
            {
            }
            Assert.True(DateTime.UtcNow < until, $"The instance on port {port} did not become ready.");
            await Task.Delay(250);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task<string> TokenAsync(HttpClient instance, string username)
    {
        var demo = DemoData.Organizations.Single(o => o.Username == username);
        var response = await instance.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = demo.ClientId, ["client_secret"] = demo.ClientSecret, ["scope"] = "registry.api",
        }));
        return (await response.SucceededJsonAsync()).GetProperty("access_token").GetString()!;
    }

    public static HttpRequestMessage Bearer(HttpMethod method, string path, string token, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonBody.Of(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    public async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            if (!host.HasExited) host.Kill(entireProcessTree: true);
            await host.WaitForExitAsync();
            host.Dispose();
        }
        A?.Dispose();
        B?.Dispose();
        NpgsqlConnection.ClearAllPools();
        await using (var maintenance = new NpgsqlConnection(PostgreSqlApi.MaintenanceConnection))
        {
            await maintenance.OpenAsync();
            await maintenance.ExecuteAsync($"drop database if exists {_database} with (force)");
        }
        _keys.Delete(recursive: true);
    }
}

[Trait("Provider", "PostgreSql")]
public sealed class TwoInstanceTests(TwoInstances two) : IClassFixture<TwoInstances>
{
    [Fact]
    public async Task A_token_issued_by_one_instance_is_accepted_by_the_other_and_a_bid_committed_through_one_is_seen_through_the_other()
    {
        var agencyToken = await two.TokenAsync(two.A, "cd.health");
        var mine = await two.B.SendAsync(TwoInstances.Bearer(HttpMethod.Get, "/api/v1/demands/mine", agencyToken));
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);

        var demand = (await (await two.A.GetAsync($"/api/v1/demands?q={Uri.EscapeDataString("成都市医学影像病灶拉框标注")}")).SucceededJsonAsync())
            .GetProperty("items")[0].GetProperty("id").GetGuid();
        var bidderToken = await two.TokenAsync(two.B, "zhijia");
        var bid = await two.A.SendAsync(TwoInstances.Bearer(HttpMethod.Put, $"/api/v1/demands/{demand}/bids/mine", bidderToken, DemandArrange.Bid()));
        Assert.True(bid.IsSuccessStatusCode, await bid.Content.ReadAsStringAsync());

        var bids = await (await two.B.SendAsync(TwoInstances.Bearer(HttpMethod.Get, "/api/v1/bids/mine", bidderToken))).SucceededJsonAsync();
        Assert.Contains(bids.GetProperty("items").EnumerateArray(), b => b.GetProperty("demandId").GetGuid() == demand);
    }

    [Fact]
    public async Task The_feed_read_through_either_instance_is_identical_and_each_public_event_is_projected_once()
    {
        // Writes through both instances; both run the projector, which advances each projection on one instance at a time.
        var entries = new List<string>();
        foreach (var (instance, i) in new[] { (two.A, 0), (two.B, 1), (two.A, 2), (two.B, 3) })
        {
            var token = await two.TokenAsync(instance, "cd.health");
            var created = await (await instance.SendAsync(TwoInstances.Bearer(HttpMethod.Post, "/api/v1/catalog", token,
                Catalog.CatalogArrange.NewEntry("双实例数据集" + i)))).SucceededJsonAsync();
            var published = await instance.SendAsync(TwoInstances.Bearer(HttpMethod.Post, $"/api/v1/catalog/{created.GetProperty("id").GetGuid()}/publish", token, new { }));
            Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());
            entries.Add(created.GetProperty("id").GetString()!);
        }

        await using var db = await two.OpenAsync();
        var publicTypes = Registry.Domain.Events.DomainEventTypes.All.Where(d => d.Public).Select(d => d.Name).ToArray();
        var publicEvents = await db.ExecuteScalarAsync<long>("select count(*) from outbox where type = any(@publicTypes)", new { publicTypes });
        var (fromA, fromB) = (await ReadAllAsync(two.A, publicEvents), await ReadAllAsync(two.B, publicEvents));

        Assert.Equal(publicEvents, fromA.Count);
        Assert.Equal(fromA, fromB);
        Assert.All(entries, id => Assert.Single(fromA, item => item.Contains("\"catalog.published\"", StringComparison.Ordinal) && item.Contains(id, StringComparison.Ordinal)));
        var positions = (await db.QueryAsync<long>("select position from feed_events order by position")).ToList();
        Assert.Equal(Enumerable.Range(1, positions.Count).Select(p => (long)p), positions);
        Assert.Equal(positions.Count, await db.ExecuteScalarAsync<long>("select count(distinct seq) from feed_events"));
        Assert.Equal(0, await db.ExecuteScalarAsync<long>("select count(*) from projection_cursors where stopped_seq is not null"));
    }

    /// <summary>Follows the feed from the start through one instance until it holds <paramref name="expected"/> items (the projector runs in the background).</summary>
    private static async Task<List<string>> ReadAllAsync(HttpClient instance, long expected)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var items = new List<string>();
            string? after = null;
            while (true)
            {
                var page = await (await instance.GetAsync("/api/v1/feed?limit=500" + (after is null ? "" : "&after=" + after))).SucceededJsonAsync();
                items.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetRawText()));
                after = page.GetProperty("next").GetString();
                if (page.GetProperty("caughtUp").GetBoolean()) break;
            }
            if (items.Count >= expected || DateTime.UtcNow > until) return items;
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task A_recurring_job_runs_once_per_schedule_although_both_instances_run_Hangfire()
    {
        await using var db = await two.OpenAsync();
        // The audit checkpoint job is scheduled every minute: wait for the first run scheduled after both instances were up.
        const string RunsSql = """
            select to_char(date_trunc('minute', j.createdat), 'HH24:MI') as minute, count(*) as runs
            from hangfire.job j
            join hangfire.jobparameter r on r.jobid = j.id and r.name = 'RecurringJobId' and r.value like '%audit-checkpoint%'
            where j.createdat >= @since
            group by date_trunc('minute', j.createdat)
            """;
        var since = two.BothReadyAt.UtcDateTime;
        var until = DateTime.UtcNow.AddSeconds(150);
        List<(string Minute, long Runs)> runs;
        do
        {
            await Task.Delay(2000);
            runs = (await db.QueryAsync<(string, long)>(RunsSql, new { since })).ToList();
        }
        while (runs.Count < 1 && DateTime.UtcNow < until);
        // A duplicate would be created within the same polling round as the first.
        await Task.Delay(5000);
        runs = (await db.QueryAsync<(string, long)>(RunsSql, new { since })).ToList();

        Assert.NotEmpty(runs);
        Assert.All(runs, r => Assert.Equal(1, r.Runs));
    }
}
