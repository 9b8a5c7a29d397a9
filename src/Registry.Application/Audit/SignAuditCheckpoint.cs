using MediatR;
using Registry.Application.Common;
using Registry.Domain;
using Registry.Domain.Access;
using Registry.Domain.Audit;

namespace Registry.Application.Audit;

/// <summary>Whether a checkpoint was signed now, and the newest valid checkpoint afterwards.</summary>
public sealed record AuditCheckpointResult(bool Signed, AuditCheckpointView? Checkpoint);

/// <summary>
/// Signs a checkpoint of the audit chain at the head (or, after a long backlog, part of the way there) once the records since the
/// newest valid checkpoint recompute intact, so a rewritten and recomputed history is never signed. Run by the
/// <c>audit-checkpoint</c> job when due, or by the operator at any time; the signing is itself an audited command.
/// </summary>
[AllowedFor(Roles.Admin)]
public sealed record SignAuditCheckpoint : ICommand<AuditCheckpointResult>;

internal sealed class SignAuditCheckpointHandler(IWriteDb db, AuditChainReads chain, IAuditSigner signer, IOutbox outbox,
    AuditCheckpointOptions options, TimeProvider clock) : IRequestHandler<SignAuditCheckpoint, AuditCheckpointResult>
{
    public async Task<AuditCheckpointResult> Handle(SignAuditCheckpoint command, CancellationToken ct)
    {
        var head = await AuditChainReads.HeadAsync(db, ct);
        var anchor = await chain.NewestValidAsync(db, head.AuditSeq, ct);
        var from = anchor?.Seq ?? 1;
        if (head.AuditSeq <= (anchor?.Seq ?? 0)) return new(false, anchor is null ? null : AuditCheckpointView.Of(anchor, SignatureCheck.Valid));

        var walk = await chain.WalkAsync(db, from, Math.Min(head.AuditSeq, from + Math.Max(1, options.MaxRecordsPerCheckpoint)), head, ct);
        if (walk.Break is { } broken)
        {
            throw new BusinessRuleException("audit_chain_broken",
                $"The audit chain is broken at record {broken.Sequence} ({broken.Kind}): no checkpoint was signed. See GET /api/v1/audit/verify.", broken.Sequence, broken.Kind);
        }

        var checkpoint = new AuditCheckpoint(walk.Through, walk.LastHash, TruncateToMicroseconds(clock.GetUtcNow()), signer.KeyId);
        var row = new CheckpointRow
        {
            Seq = checkpoint.Sequence, Hash = checkpoint.Hash, SignedAt = checkpoint.SignedAt, KeyId = checkpoint.KeyId,
            Signature = signer.Sign(checkpoint.SignedBytes()),
        };
        // Another instance may have signed the same head meanwhile: a checkpoint is never replaced.
        var inserted = await db.ExecuteAsync(InsertSql, new { row.Seq, row.Hash, row.SignedAt, row.KeyId, row.Signature }, ct);
        outbox.Concerning("audit_checkpoint", checkpoint.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (inserted == 1) return new(true, AuditCheckpointView.Of(row, SignatureCheck.Valid));
        var newest = await chain.NewestValidAsync(db, long.MaxValue, ct);
        return new(false, newest is null ? null : AuditCheckpointView.Of(newest, SignatureCheck.Valid));
    }

    // PostgreSQL keeps microseconds: the signed time must be the time that is stored and read back.
    private static DateTimeOffset TruncateToMicroseconds(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % 10, TimeSpan.Zero);

    private static readonly Sql InsertSql = new("""
        insert into audit_checkpoints (seq, hash, signed_at, key_id, signature)
        select @seq, @hash, @signedAt, @keyId, @signature
        where not exists (select 1 from audit_checkpoints where seq >= @seq)
        """);
}
