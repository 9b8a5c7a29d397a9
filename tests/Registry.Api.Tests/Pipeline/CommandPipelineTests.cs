using Registry.Domain.Events;
using Dapper;
using MediatR;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Tests.Infrastructure;
using Registry.Application.Common;
using Registry.Domain;

namespace Registry.Api.Tests.Pipeline;

/// <summary>A command that exists only in the tests: it records one outbox event, or fails when asked to.</summary>
public sealed record RecordNote(string Note, bool FailAfterWriting = false) : Registry.Application.Common.ICommand<NoteReceipt>;

public sealed record NoteReceipt(Guid Id, string Note);

[DomainEvent("note.recorded", 1, EmittedBy = "RecordNote: the pipeline tests' command")]
public sealed record NoteRecorded(Guid NoteId, string Note) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("note", NoteId);
}

internal sealed class RecordNoteHandler(IOutbox outbox, IWriteDb db) : IRequestHandler<RecordNote, NoteReceipt>
{
    public async Task<NoteReceipt> Handle(RecordNote request, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        outbox.Publish(new NoteRecorded(id, request.Note));
        if (request.FailAfterWriting)
        {
            await db.ExecuteAsync(TouchSql, null, ct);
            throw new InvalidOperationException("The handler failed after writing.");
        }
        return new NoteReceipt(id, request.Note);
    }

    private static readonly Sql TouchSql = new("update ledger_head set version = version + 1000 where id = 1");
}

public abstract class CommandPipelineTests
{
    private readonly RegistryApi _api;
    private readonly Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _host;

    protected CommandPipelineTests(RegistryApi api)
    {
        _api = api;
        _host = api.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.AddScoped<IRequestHandler<RecordNote, NoteReceipt>, RecordNoteHandler>();
            s.AddScoped<SystemCaller>();
            s.AddScoped<ICaller>(p => p.GetRequiredService<SystemCaller>());
        }));
    }

    private async Task<NoteReceipt> SendAsync(RecordNote command, string? idempotencyKey)
    {
        using var scope = _host.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<SystemCaller>().IdempotencyKey = idempotencyKey;
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command);
    }

    private async Task<(long Audit, long Outbox)> CountAsync(string note)
    {
        await using var connection = await _host.Services.GetRequiredService<IConnectionFactory>().OpenPrimaryAsync(default);
        var outbox = await connection.QueryAsync<(long Seq, long AuditSeq)>(
            "select seq, audit_seq from outbox where payload like @p", new { p = $"%\"{note}\"%" });
        var audit = outbox.Select(o => o.AuditSeq).Distinct().Count();
        return (audit, outbox.Count());
    }

    [Fact]
    public async Task Two_sends_with_the_same_idempotency_key_produce_one_audit_record_and_one_event()
    {
        var note = "note-" + Guid.NewGuid();
        var key = Guid.NewGuid().ToString();

        var first = await SendAsync(new RecordNote(note), key);
        var second = await SendAsync(new RecordNote(note), key);

        Assert.Equal(first, second);
        Assert.Equal((1L, 1L), await CountAsync(note));
    }

    [Fact]
    public async Task Racing_sends_with_the_same_idempotency_key_all_get_the_first_answer_and_leave_one_audit_record()
    {
        var note = "note-" + Guid.NewGuid();
        var key = Guid.NewGuid().ToString();
        _ = _host.Services; // the host starts once, before the race

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => SendAsync(new RecordNote(note), key))));

        Assert.Single(answers.Distinct());
        Assert.Equal((1L, 1L), await CountAsync(note));
    }

    [Fact]
    public async Task Reusing_a_key_for_a_different_request_is_refused_and_changes_nothing()
    {
        var key = Guid.NewGuid().ToString();
        var note = "note-" + Guid.NewGuid();
        await SendAsync(new RecordNote(note), key);

        var error = await Assert.ThrowsAsync<BusinessRuleException>(() => SendAsync(new RecordNote(note + "-changed"), key));

        Assert.Equal("idempotency_key_reused", error.Code);
        Assert.Equal((0L, 0L), await CountAsync(note + "-changed"));
    }

    [Fact]
    public async Task Without_a_key_each_send_is_a_new_command()
    {
        var note = "note-" + Guid.NewGuid();

        var first = await SendAsync(new RecordNote(note), null);
        var second = await SendAsync(new RecordNote(note), null);

        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal((2L, 2L), await CountAsync(note));
    }

    [Fact]
    public async Task A_failing_command_leaves_no_audit_record_event_or_partial_write()
    {
        var note = "note-" + Guid.NewGuid();
        await using var connection = await _host.Services.GetRequiredService<IConnectionFactory>().OpenPrimaryAsync(default);
        var versionBefore = await connection.ExecuteScalarAsync<long>("select version from ledger_head where id = 1");

        await Assert.ThrowsAsync<InvalidOperationException>(() => SendAsync(new RecordNote(note, FailAfterWriting: true), null));

        Assert.Equal((0L, 0L), await CountAsync(note));
        Assert.Equal(versionBefore, await connection.ExecuteScalarAsync<long>("select version from ledger_head where id = 1"));
    }

    [Fact]
    public async Task Concurrent_commands_get_consecutive_audit_sequences_and_an_intact_chain()
    {
        var note = "note-" + Guid.NewGuid();

        await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => SendAsync(new RecordNote(note), null)));

        Assert.Equal((12L, 12L), await CountAsync(note));
        var report = await (await (await _api.ClientAsAsync("nda")).GetAsync("/api/v1/audit/verify")).JsonAsync();
        Assert.True(report.GetProperty("intact").GetBoolean(), report.ToString());
    }
}

public sealed class CommandPipelineTests_Sqlite(SqliteApi api) : CommandPipelineTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class CommandPipelineTests_PostgreSql(PostgreSqlApi api) : CommandPipelineTests(api), IClassFixture<PostgreSqlApi>;
