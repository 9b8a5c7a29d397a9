using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;

namespace Registry.Application.Audit;

/// <summary>Whether the <c>audit-checkpoint</c> job should sign now, and why.</summary>
public sealed record AuditCheckpointDue(bool Due, long Head, long? LastCheckpoint, long NewRecords);

/// <summary>
/// Asks whether a checkpoint is due (<c>Audit:CheckpointEveryRecords</c> new records, or <c>Audit:CheckpointEveryMinutes</c> since the
/// last one with something new). A query, so the job's minute-by-minute look adds nothing to the audit log when nothing is due.
/// </summary>
[AllowedFor(Roles.Admin)]
public sealed record CheckAuditCheckpointDue : IQuery<AuditCheckpointDue>;

internal sealed class CheckAuditCheckpointDueHandler(IReadDb db, AuditChainReads chain, AuditCheckpointOptions options, TimeProvider clock)
    : IRequestHandler<CheckAuditCheckpointDue, AuditCheckpointDue>
{
    public async Task<AuditCheckpointDue> Handle(CheckAuditCheckpointDue query, CancellationToken ct)
    {
        var head = await AuditChainReads.HeadAsync(db, ct);
        var last = await chain.NewestValidAsync(db, head.AuditSeq, ct);
        var newRecords = await db.ScalarAsync<long>(NewRecordsSql, new { after = last?.Seq ?? 0, head = head.AuditSeq, signing = nameof(SignAuditCheckpoint) }, ct);
        return new(options.Schedule.IsDue(newRecords, last?.SignedAt, clock.GetUtcNow()), head.AuditSeq, last?.Seq, newRecords);
    }

    // Signing a checkpoint is itself a record: counting it would make an idle log sign forever.
    private static readonly Sql NewRecordsSql = new("""
        select count(*) from audit_log where seq > @after and seq <= @head and action <> @signing
        """);
}
