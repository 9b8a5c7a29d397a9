using Dapper;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Tests.Infrastructure;
using Registry.Application.Common;
using static Registry.Api.Tests.Audit.AuditArrange;

namespace Registry.Api.Tests.Audit;

/// <summary>The hash chain over HTTP: every column of a record and of its outbox rows is covered; verification is bounded by the
/// head it read first and pages to the end. Tampering tests change stored rows on purpose, so each test gets its own database.</summary>
public abstract class AuditChainTests<TApi> where TApi : RegistryApi, new()
{
    private static readonly DateTimeOffset Then = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_chain_of_a_fresh_database_verifies()
    {
        await using var api = await FreshAsync<TApi>();
        var report = await VerifyAsync(api);

        Assert.True(report.GetProperty("intact").GetBoolean(), report.ToString());
        Assert.True(report.GetProperty("records").GetInt64() >= 40, "the demo seed is audited");
        Assert.Equal(report.GetProperty("records").GetInt64(), report.GetProperty("through").GetInt64());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, report.GetProperty("next").ValueKind);
    }

    // Every column of audit_log (read from the table itself, so a column added later fails here until it is hashed and listed).
    private static readonly Dictionary<string, (string Tamper, string Restore, string Kind)> AuditColumns = new()
    {
        ["seq"] = ("update audit_log set seq = seq + 1000000 where seq = @k", "update audit_log set seq = @original where seq = @key + 1000000", "chainBroken"),
        ["occurred_at"] = ("update audit_log set occurred_at = @then where seq = @k", "update audit_log set occurred_at = @original where seq = @key", "recordRewritten"),
        ["actor"] = ("update audit_log set actor = 'mallory' where seq = @k", "update audit_log set actor = @original where seq = @key", "recordRewritten"),
        ["actor_organization_id"] = ("update audit_log set actor_organization_id = @guid where seq = @k",
            "update audit_log set actor_organization_id = @original where seq = @key", "recordRewritten"),
        ["action"] = ("update audit_log set action = 'Nothing' where seq = @k", "update audit_log set action = @original where seq = @key", "recordRewritten"),
        ["entity_type"] = ("update audit_log set entity_type = 'x' where seq = @k", "update audit_log set entity_type = @original where seq = @key", "recordRewritten"),
        ["entity_id"] = ("update audit_log set entity_id = 'x' where seq = @k", "update audit_log set entity_id = @original where seq = @key", "recordRewritten"),
        ["request_hash"] = ("update audit_log set request_hash = @zeros where seq = @k", "update audit_log set request_hash = @original where seq = @key", "recordRewritten"),
        ["outbox_hash"] = ("update audit_log set outbox_hash = @zeros where seq = @k", "update audit_log set outbox_hash = @original where seq = @key", "outboxRewritten"),
        ["previous_hash"] = ("update audit_log set previous_hash = @zeros where seq = @k", "update audit_log set previous_hash = @original where seq = @key", "chainBroken"),
        ["hash_version"] = ("update audit_log set hash_version = 1 where seq = @k", "update audit_log set hash_version = @original where seq = @key", "recordRewritten"),
        ["hash"] = ("update audit_log set hash = @zeros where seq = @k", "update audit_log set hash = @original where seq = @key", "recordRewritten"),
    };

    private static readonly Dictionary<string, (string Tamper, string Restore)> OutboxColumns = new()
    {
        ["seq"] = ("update outbox set seq = seq + 1000000 where seq = @o", "update outbox set seq = @original where seq = @key + 1000000"),
        ["id"] = ("update outbox set id = @guid where seq = @o", "update outbox set id = @original where seq = @key"),
        ["occurred_at"] = ("update outbox set occurred_at = @then where seq = @o", "update outbox set occurred_at = @original where seq = @key"),
        ["type"] = ("update outbox set type = 'x' where seq = @o", "update outbox set type = @original where seq = @key"),
        ["version"] = ("update outbox set version = version + 1 where seq = @o", "update outbox set version = @original where seq = @key"),
        ["entity_type"] = ("update outbox set entity_type = 'x' where seq = @o", "update outbox set entity_type = @original where seq = @key"),
        ["entity_id"] = ("update outbox set entity_id = 'x' where seq = @o", "update outbox set entity_id = @original where seq = @key"),
        ["payload"] = ("update outbox set payload = '{}' where seq = @o", "update outbox set payload = @original where seq = @key"),
        ["audit_seq"] = ("update outbox set audit_seq = audit_seq + 1 where seq = @o", "update outbox set audit_seq = @original where seq = @key"),
    };

    private static async Task<(long Record, long Event)> RecordWithAnEventAsync(System.Data.Common.DbConnection connection)
    {
        var record = await connection.ExecuteScalarAsync<long>("select min(audit_seq) from outbox where audit_seq > 1");
        return (record, await connection.ExecuteScalarAsync<long>("select min(seq) from outbox where audit_seq = @record", new { record }));
    }

    [Fact]
    public async Task Changing_any_column_of_an_audit_record_breaks_verification_at_that_record()
    {
        await using var api = await FreshAsync<TApi>();
        await using var connection = await OpenAsync(api);
        Assert.Equal(AuditColumns.Keys.Order(), (await ColumnsAsync(connection, "audit_log")).Order());
        var (k, _) = await RecordWithAnEventAsync(connection);

        var missed = new List<string>();
        foreach (var (column, (tamper, restore, kind)) in AuditColumns)
        {
            var original = await OriginalAsync(connection, $"select {column} from audit_log where seq = @key", k);
            Assert.Equal(1, await connection.ExecuteAsync(tamper, new { k, then = Then, guid = Guid.NewGuid(), zeros = new string('0', 64) }));
            var report = await VerifyAsync(api);
            await RestoreAsync(connection, restore, original, k);

            var found = report.GetProperty("firstBreak");
            if (found.ValueKind == System.Text.Json.JsonValueKind.Null || found.GetProperty("sequence").GetInt64() != k
                || found.GetProperty("kind").GetString() != kind)
                missed.Add($"{column}: {found}");
            Assert.True((await VerifyAsync(api)).GetProperty("intact").GetBoolean(), $"restoring {column}");
        }
        Assert.Empty(missed);
    }

    [Fact]
    public async Task Changing_any_column_of_an_outbox_row_breaks_verification_at_its_record()
    {
        await using var api = await FreshAsync<TApi>();
        await using var connection = await OpenAsync(api);
        Assert.Equal(OutboxColumns.Keys.Order(), (await ColumnsAsync(connection, "outbox")).Order());
        var (k, o) = await RecordWithAnEventAsync(connection);

        var missed = new List<string>();
        foreach (var (column, (tamper, restore)) in OutboxColumns)
        {
            var original = await OriginalAsync(connection, $"select {column} from outbox where seq = @key", o);
            Assert.Equal(1, await connection.ExecuteAsync(tamper, new { o, then = Then, guid = Guid.NewGuid() }));
            var report = await VerifyAsync(api);
            await RestoreAsync(connection, restore, original, o);

            var found = report.GetProperty("firstBreak");
            if (found.ValueKind == System.Text.Json.JsonValueKind.Null || found.GetProperty("sequence").GetInt64() != k
                || found.GetProperty("kind").GetString() != "outboxRewritten")
                missed.Add($"{column}: {found}");
        }
        Assert.Empty(missed);
        Assert.True((await VerifyAsync(api)).GetProperty("intact").GetBoolean());
    }

    [Fact]
    public async Task An_event_removed_from_or_slipped_into_a_record_breaks_verification_at_that_record()
    {
        await using var api = await FreshAsync<TApi>();
        await using var connection = await OpenAsync(api);
        var (k, o) = await RecordWithAnEventAsync(connection);

        await connection.ExecuteAsync("""
            insert into outbox (seq, id, occurred_at, type, entity_type, entity_id, payload, audit_seq)
            select 1000000, @id, occurred_at, 'enterprise.approved', 'enterprise', 'x', '{}', audit_seq from outbox where seq = @o
            """, new { id = Guid.NewGuid(), o });
        AssertBreak(await VerifyAsync(api), k, "outboxRewritten");

        await connection.ExecuteAsync("delete from outbox where seq = 1000000 or seq = @o", new { o });
        AssertBreak(await VerifyAsync(api), k, "outboxRewritten");
    }

    [Theory]
    [InlineData("delete from audit_log where seq = 2", 2)]
    [InlineData("delete from audit_log where seq = (select max(seq) from audit_log)", -1)]
    [InlineData("update ledger_head set audit_hash = '0000000000000000000000000000000000000000000000000000000000000000' where id = 1", -1)]
    public async Task A_removed_record_or_a_head_that_does_not_name_the_last_record_breaks_the_chain(string tamper, long firstBroken)
    {
        await using var api = await FreshAsync<TApi>();
        await using (var connection = await OpenAsync(api))
            Assert.Equal(1, await connection.ExecuteAsync(tamper));

        var report = await VerifyAsync(api);

        AssertBreak(report, firstBroken > 0 ? firstBroken : report.GetProperty("records").GetInt64(), "chainBroken");
    }

    [Fact]
    public async Task A_commit_during_verification_is_not_reported_as_a_break()
    {
        await using var api = await FreshAsync<TApi>();
        var trigger = new CommitTrigger();
        await using var host = api.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            s.AddScoped<IReadDb>(sp => new CommitAfterHeadRead(sp.GetRequiredService<ReadSession>(), sp, trigger))));
        var regulator = await ClientOfAsync(host, "nda");
        var before = (await VerifyAsync(api)).GetProperty("records").GetInt64();

        trigger.Armed = true;
        var report = await (await regulator.GetAsync("/api/v1/audit/verify")).SucceededJsonAsync();

        Assert.False(trigger.Armed, "a command committed after the head was read");
        Assert.True(report.GetProperty("intact").GetBoolean(), report.ToString());
        Assert.Equal(before, report.GetProperty("records").GetInt64());
        var after = await VerifyAsync(api);
        Assert.True(after.GetProperty("intact").GetBoolean());
        Assert.Equal(before + 1, after.GetProperty("records").GetInt64());
    }

    [Fact]
    public async Task Verification_pages_from_the_first_record_to_the_head_and_resumes_where_it_stopped()
    {
        await using var api = await FreshAsync<TApi>();
        var records = (await VerifyAsync(api)).GetProperty("records").GetInt64();

        long through = 0, pages = 0;
        long? next = 1;
        while (next is { } resume)
        {
            var page = await VerifyAsync(api, $"?from={resume}&limit=7");
            Assert.True(page.GetProperty("intact").GetBoolean(), page.ToString());
            Assert.Equal((resume, records), (page.GetProperty("from").GetInt64(), page.GetProperty("records").GetInt64()));
            through = page.GetProperty("through").GetInt64();
            Assert.Equal(Math.Min(resume + 6, records), through);
            next = page.GetProperty("next").ValueKind == System.Text.Json.JsonValueKind.Null ? null : page.GetProperty("next").GetInt64();
            if (next is not null) Assert.Equal(through + 1, next);
            // A command between two pages moves the head on; the next page reads the new head and the walk goes on to it.
            if (pages++ == 1)
            {
                await RecordSomethingAsync(api.Services);
                records++;
            }
        }
        Assert.Equal(records, through);
        Assert.True(pages >= records / 7);
    }

    [Theory]
    [InlineData("?from=0")]
    [InlineData("?limit=0")]
    [InlineData("?limit=100001")]
    public async Task A_verification_page_out_of_bounds_is_a_field_error(string query)
    {
        await using var api = await FreshAsync<TApi>();
        await (await (await api.ClientAsAsync("nda")).GetAsync("/api/v1/audit/verify" + query)).ProblemAsync(400);
    }

    private sealed class CommitTrigger
    {
        public volatile bool Armed;
    }

    /// <summary>Commits a command right after the verification read the ledger head, as a busy platform would.</summary>
    private sealed class CommitAfterHeadRead(IReadDb inner, IServiceProvider services, CommitTrigger trigger) : IReadDb
    {
        public ISqlDialect Dialect => inner.Dialect;

        public Task<IReadOnlyList<T>> QueryAsync<T>(Sql sql, object? param, CancellationToken ct) => inner.QueryAsync<T>(sql, param, ct);

        public Task<T?> ScalarAsync<T>(Sql sql, object? param, CancellationToken ct) => inner.ScalarAsync<T>(sql, param, ct);

        public async Task<T?> QuerySingleOrDefaultAsync<T>(Sql sql, object? param, CancellationToken ct)
        {
            var result = await inner.QuerySingleOrDefaultAsync<T>(sql, param, ct);
            if (trigger.Armed && sql.For(inner.Dialect).Contains("from ledger_head", StringComparison.Ordinal))
            {
                trigger.Armed = false;
                await RecordSomethingAsync(services);
            }
            return result;
        }
    }
}

public sealed class AuditChainTests_Sqlite : AuditChainTests<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class AuditChainTests_PostgreSql : AuditChainTests<PostgreSqlApi>;
