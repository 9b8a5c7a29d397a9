using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;
using Registry.Domain.Audit;

namespace Registry.Application.Audit;

/// <summary>The outcome of re-computing the audit log's hash chain.</summary>
public sealed record AuditChainReport(bool Intact, long Records, long? FirstBrokenSequence, string LastHash, DateTimeOffset VerifiedAt);

/// <summary>Recomputes every audit record's SHA-256 hash in order and compares it with the stored chain and head.</summary>
[AllowedFor(Roles.Regulator, Roles.Admin)]
public sealed record VerifyAuditChain : IQuery<AuditChainReport>;

internal sealed class VerifyAuditChainHandler(IReadDb db, TimeProvider clock) : IRequestHandler<VerifyAuditChain, AuditChainReport>
{
    private const int Batch = 2000;

    public async Task<AuditChainReport> Handle(VerifyAuditChain query, CancellationToken ct)
    {
        var head = await db.QuerySingleOrDefaultAsync<HeadRow>(HeadSql, null, ct)
            ?? throw new InvalidOperationException("ledger_head is missing: the database was not migrated.");
        var previous = AuditChain.Genesis;
        long expected = 1, count = 0;
        while (true)
        {
            var rows = await db.QueryAsync<AuditRow>(BatchSql, new { after = expected - 1, offset = 0, limit = Batch }, ct);
            if (rows.Count == 0) break;
            var broken = AuditChain.FirstBroken(rows.Select(r => (r.ToEntry(), r.Hash)), previous, expected);
            if (broken is not null) return new(false, count, broken, previous, clock.GetUtcNow());
            previous = rows[^1].Hash;
            expected += rows.Count;
            count += rows.Count;
        }
        // A truncated tail leaves an intact but shorter chain: the head still names the true last record.
        var intact = head.AuditSeq == count && head.AuditHash == previous;
        return new(intact, count, intact ? null : count + 1, previous, clock.GetUtcNow());
    }

    private sealed class HeadRow
    {
        public long AuditSeq { get; init; }
        public string AuditHash { get; init; } = "";
    }

    private sealed class AuditRow
    {
        public long Seq { get; init; }
        public DateTimeOffset OccurredAt { get; init; }
        public string Actor { get; init; } = "";
        public string Action { get; init; } = "";
        public string EntityType { get; init; } = "";
        public string EntityId { get; init; } = "";
        public string RequestHash { get; init; } = "";
        public string PreviousHash { get; init; } = "";
        public string Hash { get; init; } = "";

        public AuditEntry ToEntry() => new(Seq, OccurredAt, Actor, Action, EntityType, EntityId, RequestHash, PreviousHash);
    }

    private static readonly Sql HeadSql = new("select audit_seq, audit_hash from ledger_head where id = 1");

    private static readonly Sql BatchSql = new(d => $"""
        select seq, occurred_at, actor, action, entity_type, entity_id, request_hash, previous_hash, hash
        from audit_log where seq > @after order by seq {d.Page}
        """);
}
