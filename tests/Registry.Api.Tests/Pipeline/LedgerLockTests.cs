using Dapper;
using MediatR;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Tests.Catalog;
using Registry.Api.Tests.Infrastructure;
using Registry.Application.Common;
using Registry.Domain.Events;

namespace Registry.Api.Tests.Pipeline;

/// <summary>A command that exists only in this test: it publishes an event, then waits in its handler until the test lets it go.</summary>
public sealed record HoldNote(string Note) : Registry.Application.Common.ICommand<Guid>;

[DomainEvent("note.held", 1, EmittedBy = "HoldNote: the ledger lock tests' command")]
public sealed record NoteHeld(Guid NoteId, string Note) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("note", NoteId);
}

/// <summary>Where the test holds <see cref="HoldNote"/>.</summary>
public sealed class NoteGate
{
    public TaskCompletionSource Working { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

internal sealed class HoldNoteHandler(IOutbox outbox, NoteGate gate) : IRequestHandler<HoldNote, Guid>
{
    public async Task<Guid> Handle(HoldNote request, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        outbox.Publish(new NoteHeld(id, request.Note));
        gate.Working.TrySetResult();
        await gate.Release.Task;
        return id;
    }
}

/// <summary>
/// The ledger row is locked only to append and commit: a command still working in its handler holds up nobody, and sequences
/// still follow commit order. PostgreSQL only: SQLite has one writer at a time, so there write transactions are kept short instead.
/// </summary>
[Trait("Provider", "PostgreSql")]
public sealed class LedgerLockTests_PostgreSql(PostgreSqlApi api) : IClassFixture<PostgreSqlApi>
{
    [Fact]
    public async Task A_command_still_working_in_its_handler_does_not_hold_up_another_commands_commit()
    {
        var gate = new NoteGate();
        await using var host = api.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.AddSingleton(gate);
            s.AddScoped<IRequestHandler<HoldNote, Guid>, HoldNoteHandler>();
        }));
        var held = Task.Run(async () =>
        {
            await using var scope = host.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<Registry.Api.Hosting.CallerScope>().ActAsSystem();
            return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new HoldNote("held"));
        });
        await Task.WhenAny(gate.Working.Task, held);
        Assert.False(held.IsCompleted, "the held command should be working in its handler");

        var entry = CatalogArrange.DraftAsync(api, "cd.health", "长命令期间提交的目录草稿");
        var first = await Task.WhenAny(entry, Task.Delay(TimeSpan.FromMinutes(2)));
        gate.Release.SetResult();
        Assert.Same(entry, first);
        var entryId = await entry;
        var noteId = await held;

        await using var connection = await api.Services.GetRequiredService<IConnectionFactory>().OpenPrimaryAsync(default);
        var entrySeq = await connection.ExecuteScalarAsync<long>("select seq from audit_log where entity_id = @id", new { id = entryId.ToString() });
        var noteSeq = await connection.ExecuteScalarAsync<long>("select seq from audit_log where entity_id = @id", new { id = noteId.ToString() });
        Assert.True(noteSeq > entrySeq, $"the held command committed last, so its audit record comes after ({entrySeq}, {noteSeq})");
        var report = await (await (await api.ClientAsAsync("nda")).GetAsync("/api/v1/audit/verify")).JsonAsync();
        Assert.True(report.GetProperty("intact").GetBoolean(), report.ToString());
    }
}
