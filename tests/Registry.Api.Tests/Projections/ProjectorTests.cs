using System.Net;
using Dapper;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Registry.Api.Tests.Demands;
using Registry.Api.Tests.Enterprises;
using Registry.Api.Tests.Infrastructure;
using Registry.Application.Common;
using Registry.Application.Common.Projections;
using Registry.Application.Statistics.Projections;

namespace Registry.Api.Tests.Projections;

/// <summary>
/// The outbox projector on a real database: the events committed by the API reach each projection exactly once, in sequence
/// order, across instances, crashes and rebuilds; an event a projection cannot apply stops that projection alone, visibly.
/// Hosts here run the projector on demand (<see cref="Projector.RunOnceAsync"/>) or as the hosted loop, never on a timer of the test.
/// </summary>
public abstract class ProjectorTests(RegistryApi api)
{
    /// <summary>
    /// A projection that writes each event's sequence to <c>projector_test_log</c> in the projector's transaction, so what it
    /// shows is what was committed; it throws on events <paramref name="poisoned"/> accepts, and calls <paramref name="applying"/> first.
    /// </summary>
    private sealed class LogProjection(string name, IWriteDb db, Func<StoredEvent, bool>? poisoned, Action<StoredEvent>? applying) : IProjection
    {
        public string Name => name;

        public async Task ApplyAsync(StoredEvent e, CancellationToken ct)
        {
            applying?.Invoke(e);
            if (poisoned?.Invoke(e) == true) throw new InvalidOperationException($"The log cannot apply {e.Type}.");
            await db.ExecuteAsync(AppendSql, new { projection = name, seq = e.Seq }, ct);
        }

        public Task ResetAsync(CancellationToken ct) => db.ExecuteAsync(ClearSql, new { projection = name }, ct);

        private static readonly Sql AppendSql = new("""
            insert into projector_test_log (projection, seq, position)
            select @projection, @seq, count(*) + 1 from projector_test_log where projection = @projection
            """);

        private static readonly Sql ClearSql = new("delete from projector_test_log where projection = @projection");
    }

    /// <summary>Another instance on the same database whose projections are the log <paramref name="name"/> (and region-activity when asked).</summary>
    private WebApplicationFactory<Program> Instance(string name, bool withRegionActivity = false, Func<StoredEvent, bool>? poisoned = null,
        Action<StoredEvent>? applying = null, TimeProvider? clock = null, IDictionary<string, string>? settings = null) =>
        api.WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in settings ?? new Dictionary<string, string>()) b.UseSetting(key, value);
            b.ConfigureTestServices(s =>
            {
                if (!withRegionActivity) s.RemoveAll<IProjection>();
                s.AddScoped<IProjection>(sp => new LogProjection(name, sp.GetRequiredService<IWriteDb>(), poisoned, applying));
                if (clock is not null) s.AddSingleton(clock);
            });
        });

    private static Projector ProjectorOf(WebApplicationFactory<Program> host) => host.Services.GetRequiredService<Projector>();

    private async Task<T> WithConnectionAsync<T>(Func<System.Data.Common.DbConnection, Task<T>> work)
    {
        await using var connection = await api.Services.GetRequiredService<IConnectionFactory>().OpenPrimaryAsync(default);
        return await work(connection);
    }

    private Task EnsureLogTableAsync() => WithConnectionAsync(c => c.ExecuteAsync("""
        create table if not exists projector_test_log (projection varchar(100) not null, seq bigint not null, position bigint not null,
            primary key (projection, position))
        """));

    /// <summary>The sequences a log projection committed, in the order it applied them.</summary>
    private Task<List<long>> LogAsync(string name) => WithConnectionAsync(async c =>
        (await c.QueryAsync<long>("select seq from projector_test_log where projection = @name order by position", new { name })).ToList());

    // Through SqlParameters, which stores GUIDs as SQLite's text and PostgreSQL's uuid.
    private Task<T?> ScalarAsync<T>(string sql, object args) => WithConnectionAsync(c => c.ExecuteScalarAsync<T>(sql, SqlParameters.Of(args)));

    private Task<long> HeadAsync() => WithConnectionAsync(c => c.ExecuteScalarAsync<long>("select coalesce(max(seq), 0) from outbox"));

    private static async Task<ProjectionState> StateAsync(WebApplicationFactory<Program> host, string name) =>
        (await ProjectorOf(host).StatesAsync(default)).Single(s => s.Name == name);

    /// <summary>Every row of the region-activity tables, in a fixed order, as text.</summary>
    private Task<List<string>> RegionActivityRowsAsync() => WithConnectionAsync(async c =>
    {
        var rows = new List<string>();
        foreach (var sql in new[]
                 {
                     "select region_code, month, demands_published, demands_awarded, awarded_value, enterprises_registered, certificates_issued from stats_region_month order by region_code, month",
                     "select enterprise_id, region_code, registered_month from stats_enterprises order by enterprise_id",
                     "select certificate_id, enterprise_id, region_code, grade, status, issued_month from stats_certificates order by certificate_id",
                 })
            rows.AddRange((await c.QueryAsync(sql)).Select(r => string.Join('|', ((IDictionary<string, object>)r).Values)));
        return rows;
    });

    private static List<long> OneTo(long head) => Enumerable.Range(1, (int)head).Select(i => (long)i).ToList();

    [Fact]
    public async Task Events_from_concurrent_writers_are_applied_exactly_once_and_in_order_by_two_instances()
    {
        await EnsureLogTableAsync();
        var settings = new Dictionary<string, string> { ["Projections:BatchSize"] = "7", ["Projections:PollMilliseconds"] = "10" };
        await using var first = Instance("log-concurrent", withRegionActivity: true, settings: settings);
        await using var second = Instance("log-concurrent", withRegionActivity: true, settings: settings);
        using var stop = new CancellationTokenSource();
        var loops = new[] { ProjectorOf(first).RunAsync(stop.Token), ProjectorOf(second).RunAsync(stop.Token) };

        var registered = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => EnterpriseArrange.RegisteredAsync(api, region: "510100")));
        var head = await HeadAsync();
        for (var round = 0; round < 600 && ((await StateAsync(first, "log-concurrent")).Seq < head || (await StateAsync(first, RegionActivityProjection.ProjectionName)).Seq < head); round++)
            await Task.Delay(50);
        await stop.CancelAsync();
        await Task.WhenAll(loops);

        Assert.Equal(OneTo(head), await LogAsync("log-concurrent"));
        Assert.Equal(head, (await StateAsync(first, RegionActivityProjection.ProjectionName)).Seq);
        foreach (var (_, id) in registered)
            Assert.Equal("510100", await ScalarAsync<string>("select region_code from stats_enterprises where enterprise_id = @id", new { id }));
        // Both loops stopped gracefully: neither keeps a lease.
        Assert.Null((await StateAsync(first, "log-concurrent")).Owner);
    }

    [Fact]
    public async Task An_instance_killed_mid_batch_loses_nothing_and_its_successor_resumes_from_the_cursor_without_repeating()
    {
        await EnsureLogTableAsync();
        while (await HeadAsync() < 20) await EnterpriseArrange.RegisteredAsync(api);
        var settings = new Dictionary<string, string> { ["Projections:BatchSize"] = "5" };
        using var kill = new CancellationTokenSource();
        await using var killed = Instance("log-restart", settings: settings, applying: e =>
        {
            if (e.Seq == 13) kill.Cancel();
            kill.Token.ThrowIfCancellationRequested();
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ProjectorOf(killed).RunOnceAsync(kill.Token));

        Assert.Equal(OneTo(10), await LogAsync("log-restart"));
        var afterKill = await StateAsync(killed, "log-restart");
        Assert.Equal(10, afterKill.Seq);
        Assert.Equal(ProjectorOf(killed).Owner, afterKill.Owner);

        // While the dead instance's lease runs, no other instance advances the projection.
        await using (var early = Instance("log-restart", settings: settings))
        {
            Assert.Equal(0, await ProjectorOf(early).RunOnceAsync(default));
            Assert.Equal(OneTo(10), await LogAsync("log-restart"));
        }

        await using var successor = Instance("log-restart", settings: settings, clock: new TestClock(DateTimeOffset.UtcNow.AddMinutes(5)));
        await ProjectorOf(successor).RunOnceAsync(default);
        var head = await HeadAsync();

        Assert.Equal(OneTo(head), await LogAsync("log-restart"));
        Assert.Equal(head, (await StateAsync(successor, "log-restart")).Seq);
    }

    [Fact]
    public async Task Rebuilding_from_sequence_zero_gives_exactly_the_tables_built_incrementally()
    {
        await EnterpriseArrange.CertificateAsync(api, suspended: true);
        await DemandArrange.ContractAsync(api, "投影重建测试");
        await ProjectorOf(api).RunOnceAsync(default);
        var incremental = await RegionActivityRowsAsync();
        Assert.Contains(incremental, r => r.Contains("suspended", StringComparison.Ordinal));
        Assert.Contains(incremental, r => r.StartsWith("510100|", StringComparison.Ordinal));

        var admin = await api.ClientAsAsync("admin");
        var reset = await (await admin.PostAsync($"/api/v1/admin/projections/{RegionActivityProjection.ProjectionName}/rebuild", JsonBody.Of(new { })))
            .SucceededJsonAsync();
        Assert.Equal(0, reset.GetProperty("sequence").GetInt64());
        Assert.Empty(await RegionActivityRowsAsync());
        await ProjectorOf(api).RunOnceAsync(default);

        Assert.Equal(incremental, await RegionActivityRowsAsync());
        var listed = (await (await admin.GetAsync("/api/v1/admin/projections")).SucceededJsonAsync()).EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == RegionActivityProjection.ProjectionName);
        Assert.Equal(0, listed.GetProperty("behind").GetInt64());
        Assert.Equal(await HeadAsync(), listed.GetProperty("sequence").GetInt64());
    }

    [Fact]
    public async Task A_poisoned_event_stops_only_its_projection_and_readiness_names_it_until_an_operator_resumes_it()
    {
        await EnsureLogTableAsync();
        // Payloads escape Chinese as \uXXXX: the marker is ASCII, and upper case so that no lower-case GUID in a payload contains it.
        var marker = "POISON" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var broken = true;
        await using var host = Instance("log-fragile", withRegionActivity: true, poisoned: e => broken && e.Payload.Contains(marker, StringComparison.Ordinal));
        await ProjectorOf(host).RunOnceAsync(default);
        var before = await HeadAsync();

        await EnterpriseArrange.RegisteredAsync(api, name: "投影测试企业" + marker);
        var poisoned = await WithConnectionAsync(c => c.ExecuteScalarAsync<long>(
            "select min(seq) from outbox where seq > @before and type = 'organization.created'", new { before }));
        await ProjectorOf(host).RunOnceAsync(default);
        var head = await HeadAsync();

        var fragile = await StateAsync(host, "log-fragile");
        Assert.Equal(poisoned, fragile.StoppedSeq);
        Assert.Equal(poisoned - 1, fragile.Seq);
        Assert.Equal(OneTo(poisoned - 1), await LogAsync("log-fragile"));
        Assert.Equal(head, (await StateAsync(host, RegionActivityProjection.ProjectionName)).Seq);

        var ready = await api.CreateClient().GetAsync("/health/ready");
        var readiness = await ready.JsonAsync();
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Degraded", readiness.GetProperty("status").GetString());
        var check = readiness.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "projections");
        Assert.Contains($"projection log-fragile stopped at sequence {poisoned} (organization.created)", check.GetProperty("description").GetString(),
            StringComparison.Ordinal);

        var admin = await DemandArrange.DemoClientAsync(host, "admin");
        var listed = (await (await admin.GetAsync("/api/v1/admin/projections")).SucceededJsonAsync()).EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == "log-fragile");
        Assert.Equal(poisoned, listed.GetProperty("stopped").GetProperty("sequence").GetInt64());
        Assert.Contains("cannot apply organization.created", listed.GetProperty("stopped").GetProperty("reason").GetString(), StringComparison.Ordinal);

        // Stopped means stopped: another round does not skip the event.
        await ProjectorOf(host).RunOnceAsync(default);
        Assert.Equal(poisoned - 1, (await StateAsync(host, "log-fragile")).Seq);

        broken = false;
        var resumed = await (await admin.PostAsync("/api/v1/admin/projections/log-fragile/resume", JsonBody.Of(new { }))).SucceededJsonAsync();
        Assert.Equal(System.Text.Json.JsonValueKind.Null, resumed.GetProperty("stopped").ValueKind);
        await ProjectorOf(host).RunOnceAsync(default);

        Assert.Equal(OneTo(await HeadAsync()), await LogAsync("log-fragile"));
        Assert.Equal("Healthy", (await (await api.CreateClient().GetAsync("/health/ready")).JsonAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Only_the_operator_sees_resumes_or_rebuilds_projections()
    {
        await EnterpriseArrange.RegisteredAsync(api);
        await ProjectorOf(api).RunOnceAsync(default);
        var before = await StateAsync(api, RegionActivityProjection.ProjectionName);
        var rows = await RegionActivityRowsAsync();
        var agency = await api.ClientAsAsync("cd.health");

        await (await agency.GetAsync("/api/v1/admin/projections")).ProblemAsync(403);
        await (await agency.PostAsync($"/api/v1/admin/projections/{RegionActivityProjection.ProjectionName}/rebuild", JsonBody.Of(new { }))).ProblemAsync(403);
        await (await agency.PostAsync($"/api/v1/admin/projections/{RegionActivityProjection.ProjectionName}/resume", JsonBody.Of(new { }))).ProblemAsync(403);
        await (await api.CreateClient().PostAsync($"/api/v1/admin/projections/{RegionActivityProjection.ProjectionName}/rebuild", JsonBody.Of(new { })))
            .ProblemAsync(401);
        await (await (await api.ClientAsAsync("admin")).PostAsync("/api/v1/admin/projections/no-such-projection/rebuild", JsonBody.Of(new { })))
            .ProblemAsync(404);

        Assert.Equal(before.Seq, (await StateAsync(api, RegionActivityProjection.ProjectionName)).Seq);
        Assert.NotEmpty(rows);
        Assert.Equal(rows, await RegionActivityRowsAsync());
    }

    [Fact]
    public async Task The_hosted_loop_applies_a_commit_without_being_asked_and_gives_up_its_lease_when_it_stops()
    {
        await EnsureLogTableAsync();
        var host = Instance("log-live", settings: new Dictionary<string, string> { ["Projections:Enabled"] = "true" });
        _ = host.Server; // starts the hosted projector
        await EnterpriseArrange.RegisteredAsync(api);
        var head = await HeadAsync();

        for (var round = 0; round < 600 && (await LogAsync("log-live")).Count < head; round++) await Task.Delay(50);
        Assert.Equal(OneTo(head), (await LogAsync("log-live")).Take((int)head).ToList());
        await host.DisposeAsync();

        Assert.Null((await StateAsync(api, "log-live")).Owner);
    }
}

[Trait("Provider", "Sqlite")]
public sealed class ProjectorTests_Sqlite(SqliteApi api) : ProjectorTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class ProjectorTests_PostgreSql(PostgreSqlApi api) : ProjectorTests(api), IClassFixture<PostgreSqlApi>;
