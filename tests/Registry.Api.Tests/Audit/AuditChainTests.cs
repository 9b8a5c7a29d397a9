using Dapper;
using MediatR;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Tests.Infrastructure;
using Registry.Api.Tests.Pipeline;
using Registry.Application.Common;

namespace Registry.Api.Tests.Audit;

/// <summary>Tampering tests change stored rows on purpose, so each test gets its own database.</summary>
public abstract class AuditChainTests<TApi> where TApi : RegistryApi, new()
{
    private static async Task<(TApi Api, Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> Host)> StartAsync(int commands)
    {
        var api = new TApi();
        await ((IAsyncLifetime)api).InitializeAsync();
        var host = api.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.AddScoped<IRequestHandler<RecordNote, NoteReceipt>, RecordNoteHandler>();
            s.AddScoped<ICaller, SystemCaller>();
        }));
        for (var i = 0; i < commands; i++)
        {
            using var scope = host.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RecordNote("n" + i));
        }
        return (api, host);
    }

    private static async Task<System.Text.Json.JsonElement> VerifyAsync(RegistryApi api) =>
        await (await (await api.ClientAsAsync("nda")).GetAsync("/api/v1/audit/verify")).JsonAsync();

    private static async Task TamperAsync(RegistryApi api, string sql)
    {
        await using var connection = await api.Services.GetRequiredService<IConnectionFactory>().OpenPrimaryAsync(default);
        Assert.Equal(1, await connection.ExecuteAsync(sql));
    }

    [Fact]
    public async Task The_chain_of_a_fresh_database_verifies()
    {
        var (api, _) = await StartAsync(0);
        await using var _api = api;
        var report = await VerifyAsync(api);

        Assert.True(report.GetProperty("intact").GetBoolean());
        Assert.True(report.GetProperty("records").GetInt64() >= 40, "the demo seed is audited");
    }

    [Theory]
    [InlineData("update audit_log set actor = 'mallory' where seq = 2", 2)]
    [InlineData("update audit_log set entity_id = 'x' where seq = 1", 1)]
    [InlineData("update audit_log set request_hash = '0000000000000000000000000000000000000000000000000000000000000000' where seq = 3", 3)]
    [InlineData("delete from audit_log where seq = 2", 2)]
    [InlineData("delete from audit_log where seq = (select max(seq) from audit_log)", -1)]
    public async Task Changing_any_stored_record_breaks_verification(string tamper, long firstBroken)
    {
        var (api, _) = await StartAsync(4);
        await using var _api = api;
        Assert.True((await VerifyAsync(api)).GetProperty("intact").GetBoolean());

        await TamperAsync(api, tamper);
        var report = await VerifyAsync(api);

        Assert.False(report.GetProperty("intact").GetBoolean());
        var records = report.GetProperty("records").GetInt64();
        Assert.Equal(firstBroken > 0 ? firstBroken : records + 1, report.GetProperty("firstBrokenSequence").GetInt64());
    }
}

public sealed class AuditChainTests_Sqlite : AuditChainTests<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class AuditChainTests_PostgreSql : AuditChainTests<PostgreSqlApi>;
