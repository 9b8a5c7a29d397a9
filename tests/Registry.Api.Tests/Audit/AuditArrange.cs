using System.Data.Common;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Hosting;
using Registry.Api.Tests.Infrastructure;
using Registry.Application.Common;
using Registry.Domain.Audit;

namespace Registry.Api.Tests.Audit;

/// <summary>
/// Audit arrangements: a fresh database per test (tampering changes stored rows on purpose), the verification and checkpoint calls,
/// and what a database writer can do behind the API's back.
/// </summary>
public static class AuditArrange
{
    public static async Task<TApi> FreshAsync<TApi>() where TApi : RegistryApi, new()
    {
        var api = new TApi();
        await ((IAsyncLifetime)api).InitializeAsync();
        return api;
    }

    public static async Task<JsonElement> VerifyAsync(RegistryApi api, string query = "") =>
        await (await (await api.ClientAsAsync("nda")).GetAsync("/api/v1/audit/verify" + query)).SucceededJsonAsync();

    public static async Task<JsonElement> SignAsync(RegistryApi api) =>
        await (await (await api.ClientAsAsync("admin")).PostAsync("/api/v1/admin/jobs/audit-checkpoint", null)).SucceededJsonAsync();

    public static async Task<JsonElement> CheckpointsAsync(RegistryApi api) =>
        await (await (await api.ClientAsAsync("nda")).GetAsync("/api/v1/audit/checkpoints")).SucceededJsonAsync();

    /// <summary>A command the platform runs as the system: it always appends one audit record.</summary>
    public static Task RecordSomethingAsync(IServiceProvider services) =>
        CallerScope.SendAsync(services, null, new Registry.Application.Enterprises.RunCertificateExpiry());

    public static void AssertBreak(JsonElement report, long sequence, string kind)
    {
        Assert.False(report.GetProperty("intact").GetBoolean(), report.ToString());
        var found = report.GetProperty("firstBreak");
        Assert.Equal((sequence, kind), (found.GetProperty("sequence").GetInt64(), found.GetProperty("kind").GetString()));
    }

    public static async Task<DbConnection> OpenAsync(RegistryApi api) =>
        await api.Services.GetRequiredService<IConnectionFactory>().OpenPrimaryAsync(default);

    /// <summary>The column names of a table, read from the table itself.</summary>
    public static async Task<IReadOnlySet<string>> ColumnsAsync(DbConnection connection, string table)
    {
        await using var reader = await connection.ExecuteReaderAsync($"select * from {table} where 1 = 0");
        return Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToHashSet();
    }

    /// <summary>A column's stored value as the driver reads it, for <see cref="RestoreAsync"/>.</summary>
    public static async Task<object?> OriginalAsync(DbConnection connection, string sql, long key)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var id = command.CreateParameter();
        id.ParameterName = "key";
        id.Value = key;
        command.Parameters.Add(id);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }

    /// <summary>Writes a value read back from the same column, untouched by Dapper's type handlers.</summary>
    public static async Task RestoreAsync(DbConnection connection, string sql, object? original, long key)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = command.CreateParameter();
        value.ParameterName = "original";
        value.Value = original ?? DBNull.Value;
        command.Parameters.Add(value);
        var id = command.CreateParameter();
        id.ParameterName = "key";
        id.Value = key;
        command.Parameters.Add(id);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    /// <summary>
    /// What a database writer who knows the algorithm does: changes the actor of one record, then recomputes the hash of that record
    /// and of every record after it, and the head, so that the hash chain alone links up again.
    /// </summary>
    public static async Task RewriteAndRecomputeAsync(RegistryApi api, long sequence)
    {
        await using var connection = await OpenAsync(api);
        await connection.ExecuteAsync("update audit_log set actor = 'mallory' where seq = @sequence", new { sequence });
        var previous = await connection.ExecuteScalarAsync<string>("select hash from audit_log where seq = @before", new { before = sequence - 1 });
        var rows = (await connection.QueryAsync<StoredRow>("""
            select seq, occurred_at, actor, actor_organization_id, action, entity_type, entity_id, request_hash, outbox_hash, hash_version
            from audit_log where seq >= @sequence order by seq
            """, new { sequence })).ToList();
        foreach (var row in rows)
        {
            var entry = new AuditEntry(row.Seq, row.OccurredAt, row.Actor, row.ActorOrganizationId, row.Action, row.EntityType, row.EntityId,
                row.RequestHash, row.OutboxHash ?? "", previous!);
            var hash = AuditChain.Hash(entry, row.HashVersion);
            await connection.ExecuteAsync("update audit_log set previous_hash = @previous, hash = @hash where seq = @seq", new { previous, hash, seq = row.Seq });
            previous = hash;
        }
        await connection.ExecuteAsync("update ledger_head set audit_hash = @previous where id = 1", new { previous });
    }

    private sealed class StoredRow
    {
        public long Seq { get; init; }
        public DateTimeOffset OccurredAt { get; init; }
        public string Actor { get; init; } = "";
        public Guid? ActorOrganizationId { get; init; }
        public string Action { get; init; } = "";
        public string EntityType { get; init; } = "";
        public string EntityId { get; init; } = "";
        public string RequestHash { get; init; } = "";
        public string? OutboxHash { get; init; }
        public int HashVersion { get; init; }
    }

    /// <summary>A client of a host (such as one derived with test services) holding a token that host issued.</summary>
    public static async Task<HttpClient> ClientOfAsync(WebApplicationFactory<Program> host, string demoUsername)
    {
        var demo = DemoData.Organizations.Single(o => o.Username == demoUsername);
        var token = await (await RegistryApi.RequestTokenAsync(host, demo.ClientId, demo.ClientSecret)).SucceededJsonAsync();
        return RegistryApi.BearerClient(host, token.GetProperty("access_token").GetString()!);
    }
}
