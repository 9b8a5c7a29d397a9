using Registry.Application.Common;
using Registry.Domain.Audit;

namespace Registry.Application.Audit;

/// <summary>The ledger head as read once at the start of a verification or signing: nothing committed after it is looked at.</summary>
public sealed class LedgerHead
{
    public long AuditSeq { get; init; }
    public string AuditHash { get; init; } = "";
}

/// <summary>A stored checkpoint row.</summary>
public sealed class CheckpointRow
{
    public long Seq { get; init; }
    public string Hash { get; init; } = "";
    public DateTimeOffset SignedAt { get; init; }
    public string KeyId { get; init; } = "";
    public string Signature { get; init; } = "";

    public AuditCheckpoint ToCheckpoint() => new(Seq, Hash, SignedAt, KeyId);
}

/// <summary>A checkpoint as served: what was signed, by which key, and whether this instance can check the signature
/// (<c>valid</c>, <c>invalid</c> or <c>unknownKey</c>).</summary>
public sealed record AuditCheckpointView(long Sequence, string Hash, DateTimeOffset SignedAt, string KeyId, string Signature, string SignedText,
    string SignatureCheck)
{
    internal static AuditCheckpointView Of(CheckpointRow row, SignatureCheck check) =>
        new(row.Seq, row.Hash, row.SignedAt, row.KeyId, row.Signature, row.ToCheckpoint().SignedText, AuditNames.Of(check));
}

/// <summary>The first break as served: its sequence and kind (<c>recordRewritten</c>, <c>outboxRewritten</c>, <c>chainBroken</c>,
/// <c>checkpointSignatureInvalid</c>, <c>checkpointHashMismatch</c>).</summary>
public sealed record AuditBreakView(long Sequence, string Kind)
{
    internal static AuditBreakView? Of(AuditBreak? found) => found is null ? null : new(found.Sequence, AuditNames.Of(found.Kind));
}

internal static class AuditNames
{
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum =>
        System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}

/// <summary>What a walk over a range of the chain found: how far it got intact, the last hash, the first break, and the checkpoints met.</summary>
public sealed record ChainWalk(long Through, long Verified, string LastHash, AuditBreak? Break, int CheckpointsVerified, int CheckpointsUnverifiable);

/// <summary>Reads the audit chain and its checkpoints for verification and signing, in bounded batches.</summary>
public sealed class AuditChainReads(IAuditSigner signer)
{
    private const int Batch = 1000;
    private const int AnchorCandidates = 100;

    public static async Task<LedgerHead> HeadAsync(IQueryDb db, CancellationToken ct) =>
        await db.QuerySingleOrDefaultAsync<LedgerHead>(HeadSql, null, ct)
        ?? throw new InvalidOperationException("ledger_head is missing: the database was not migrated.");

    public SignatureCheck Check(CheckpointRow row) => signer.Verify(row.KeyId, row.ToCheckpoint().SignedBytes(), row.Signature);

    /// <summary>The newest checkpoint at or below <paramref name="head"/> whose signature verifies; newer ones with a bad signature
    /// then lie inside the walk from it and are reported there.</summary>
    public async Task<CheckpointRow?> NewestValidAsync(IQueryDb db, long head, CancellationToken ct)
    {
        var candidates = await db.QueryAsync<CheckpointRow>(NewestSql, new { head, offset = 0, limit = AnchorCandidates }, ct);
        return candidates.FirstOrDefault(c => Check(c) == SignatureCheck.Valid);
    }

    /// <summary>
    /// Recomputes records <paramref name="from"/>..<paramref name="through"/> (at most the head) from the stored hash of the record
    /// before, checks every checkpoint in the range, and when the range ends at the head, that the head names the last record.
    /// </summary>
    public async Task<ChainWalk> WalkAsync(IQueryDb db, long from, long through, LedgerHead head, CancellationToken ct)
    {
        var previous = AuditChain.Genesis;
        var previousVersion = 1;
        if (from > 1)
        {
            var before = await db.QuerySingleOrDefaultAsync<AuditRow>(RecordSql, new { seq = from - 1 }, ct);
            if (before is null) return new(from - 1, 0, "", new AuditBreak(from - 1, AuditBreakKind.ChainBroken), 0, 0);
            previous = before.Hash;
            previousVersion = before.HashVersion;
        }

        long expected = from, verified = 0;
        int checkedCount = 0, unknown = 0;
        ChainWalk Stop(AuditBreakKind kind) => new(expected - 1, verified, previous, new AuditBreak(expected, kind), checkedCount, unknown);
        while (expected <= through)
        {
            var last = Math.Min(through, expected + Batch - 1);
            var rows = await db.QueryAsync<AuditRow>(RecordsSql, new { from = expected, through = last }, ct);
            var outbox = (await db.QueryAsync<OutboxRow>(OutboxSql, new { from = expected, through = last }, ct))
                .Select(o => o.ToRecord()).ToLookup(o => o.AuditSequence);
            var checkpoints = (await db.QueryAsync<CheckpointRow>(CheckpointsSql, new { from = expected, through = last }, ct)).ToDictionary(c => c.Seq);
            foreach (var row in rows)
            {
                var stored = new StoredAuditRecord(row.ToEntry(), row.HashVersion, row.Hash, AuditChain.OutboxHash(outbox[row.Seq]));
                if (AuditChain.Check(stored, expected, previous, previousVersion) is { } kind) return Stop(kind);
                if (checkpoints.TryGetValue(row.Seq, out var checkpoint))
                {
                    switch (Check(checkpoint))
                    {
                        case SignatureCheck.Invalid:
                            return Stop(AuditBreakKind.CheckpointSignatureInvalid);
                        case SignatureCheck.Valid when checkpoint.Hash != row.Hash:
                            return Stop(AuditBreakKind.CheckpointHashMismatch);
                        case SignatureCheck.Valid:
                            checkedCount++;
                            break;
                        default:
                            unknown++;
                            break;
                    }
                }
                previous = row.Hash;
                previousVersion = row.HashVersion;
                expected++;
                verified++;
            }
            // Fewer rows than sequences: the next expected record is missing.
            if (expected <= last) return Stop(AuditBreakKind.ChainBroken);
        }
        if (through == head.AuditSeq && previous != head.AuditHash) return new(through - 1, verified - 1, previous,
            new AuditBreak(through, AuditBreakKind.ChainBroken), checkedCount, unknown);
        return new(through, verified, previous, null, checkedCount, unknown);
    }

    private sealed class AuditRow
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
        public string PreviousHash { get; init; } = "";
        public int HashVersion { get; init; }
        public string Hash { get; init; } = "";

        public AuditEntry ToEntry() => new(Seq, OccurredAt, Actor, ActorOrganizationId, Action, EntityType, EntityId, RequestHash,
            OutboxHash ?? "", PreviousHash);
    }

    private sealed class OutboxRow
    {
        public long Seq { get; init; }
        public Guid Id { get; init; }
        public DateTimeOffset OccurredAt { get; init; }
        public string Type { get; init; } = "";
        public int Version { get; init; }
        public string EntityType { get; init; } = "";
        public string EntityId { get; init; } = "";
        public string Payload { get; init; } = "";
        public long AuditSeq { get; init; }

        public OutboxRecord ToRecord() => new(Seq, Id, OccurredAt, Type, Version, EntityType, EntityId, Payload, AuditSeq);
    }

    private static readonly Sql HeadSql = new("select audit_seq, audit_hash from ledger_head where id = 1");

    private const string Columns = """
        seq, occurred_at, actor, actor_organization_id, action, entity_type, entity_id, request_hash, outbox_hash, previous_hash,
        hash_version, hash
        """;

    private static readonly Sql RecordSql = new($"select {Columns} from audit_log where seq = @seq");

    private static readonly Sql RecordsSql = new($"select {Columns} from audit_log where seq >= @from and seq <= @through order by seq");

    private static readonly Sql OutboxSql = new("""
        select seq, id, occurred_at, type, version, entity_type, entity_id, payload, audit_seq
        from outbox where audit_seq >= @from and audit_seq <= @through order by seq
        """);

    private static readonly Sql CheckpointsSql = new("""
        select seq, hash, signed_at, key_id, signature from audit_checkpoints where seq >= @from and seq <= @through
        """);

    private static readonly Sql NewestSql = new(d => $"""
        select seq, hash, signed_at, key_id, signature from audit_checkpoints where seq <= @head order by seq desc {d.Page}
        """);
}
