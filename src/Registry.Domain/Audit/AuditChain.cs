using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Registry.Domain.Audit;

/// <summary>One entry of the append-only audit log, as it is hashed: every column of the row but the hash itself.</summary>
public sealed record AuditEntry(
    long Sequence,
    DateTimeOffset OccurredAt,
    string Actor,
    Guid? ActorOrganizationId,
    string Action,
    string EntityType,
    string EntityId,
    string RequestHash,
    string OutboxHash,
    string PreviousHash);

/// <summary>One outbox row written with an audit record, as it is hashed into that record.</summary>
public sealed record OutboxRecord(
    long Sequence,
    Guid Id,
    DateTimeOffset OccurredAt,
    string Type,
    int Version,
    string EntityType,
    string EntityId,
    string Payload,
    long AuditSequence);

/// <summary>A stored audit row as read back: its entry, the hash form it was written with, its stored hash, and the
/// hash of the outbox rows that carry its sequence now.</summary>
public sealed record StoredAuditRecord(AuditEntry Entry, int Version, string Hash, string CurrentOutboxHash);

/// <summary>What a verification found wrong first.</summary>
public enum AuditBreakKind
{
    /// <summary>A record's columns no longer hash to its stored hash (or its hash form is unknown or went back).</summary>
    RecordRewritten,

    /// <summary>The outbox rows written with a record were changed, added or removed.</summary>
    OutboxRewritten,

    /// <summary>A record is missing, out of order, does not name its predecessor's hash, or the head does not name the last one.</summary>
    ChainBroken,

    /// <summary>A checkpoint's signature does not verify with the key it names.</summary>
    CheckpointSignatureInvalid,

    /// <summary>A correctly signed checkpoint names another hash than the stored record at its sequence: history was rewritten.</summary>
    CheckpointHashMismatch,
}

/// <summary>The first break of the audit chain: at which sequence, and of which kind.</summary>
public sealed record AuditBreak(long Sequence, AuditBreakKind Kind);

/// <summary>
/// The audit log's hash chain: each record's SHA-256 covers every column of its row, the hash of the outbox rows written
/// with it and the hash of the record before it, so changing, removing or reordering any stored record or event breaks
/// every hash after it. Records keep the hash form they were written with (<see cref="Version"/>).
/// </summary>
public static class AuditChain
{
    /// <summary>The "previous hash" of the first record.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>
    /// The hash form new records are written with. Form 1 (records written before checkpoints existed) left out the
    /// organization of the actor and the outbox; form 2 covers every column, length-prefixed.
    /// </summary>
    public const int Version = 2;

    public static bool IsKnownVersion(int version) => version is 1 or Version;

    public static string Hash(AuditEntry e, int version = Version) => version switch
    {
        1 => Sha256Hex(string.Join('\u001f',
            e.Sequence.ToString(CultureInfo.InvariantCulture), Time(e.OccurredAt), e.Actor, e.Action, e.EntityType, e.EntityId,
            e.RequestHash, e.PreviousHash)),
        Version => Sha256Hex(Canonical("audit/2",
            e.Sequence.ToString(CultureInfo.InvariantCulture), Time(e.OccurredAt), e.Actor, e.ActorOrganizationId?.ToString("D") ?? "",
            e.Action, e.EntityType, e.EntityId, e.RequestHash, e.OutboxHash, e.PreviousHash)),
        _ => throw new ArgumentOutOfRangeException(nameof(version), version, "Unknown audit hash form."),
    };

    /// <summary>The hash of the outbox rows of one record, in sequence order; a record without events hashes the empty list.</summary>
    public static string OutboxHash(IEnumerable<OutboxRecord> rows) =>
        Sha256Hex(Canonical(["outbox/1", .. rows.Select(r => Canonical(
            r.Sequence.ToString(CultureInfo.InvariantCulture), r.Id.ToString("D"), Time(r.OccurredAt), r.Type,
            r.Version.ToString(CultureInfo.InvariantCulture), r.EntityType, r.EntityId,
            r.Payload, r.AuditSequence.ToString(CultureInfo.InvariantCulture)))]));

    public static string Sha256Hex(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    internal static string Time(DateTimeOffset t) =>
        t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    // Each field is prefixed with its length, so no content can move a field boundary, whatever characters it holds.
    private static string Canonical(params string[] fields) =>
        string.Concat(fields.Select(f => f.Length.ToString(CultureInfo.InvariantCulture) + ":" + f + ";"));

    /// <summary>
    /// Checks one stored record against the position it should hold: the expected sequence, the previous record's hash
    /// and hash form (forms never go back). Returns what is wrong with it, or null when it is intact.
    /// </summary>
    public static AuditBreakKind? Check(StoredAuditRecord r, long expectedSequence, string expectedPrevious, int previousVersion)
    {
        if (r.Entry.Sequence != expectedSequence || r.Entry.PreviousHash != expectedPrevious) return AuditBreakKind.ChainBroken;
        if (!IsKnownVersion(r.Version) || r.Version < previousVersion) return AuditBreakKind.RecordRewritten;
        if (r.Version >= 2 && r.Entry.OutboxHash != r.CurrentOutboxHash) return AuditBreakKind.OutboxRewritten;
        return Hash(r.Entry, r.Version) == r.Hash ? null : AuditBreakKind.RecordRewritten;
    }

    /// <summary>Checks an ordered run of records; returns the first break, or null when intact.</summary>
    public static AuditBreak? FirstBreak(IEnumerable<StoredAuditRecord> records, string expectedPrevious = Genesis, long expectedSequence = 1,
        int previousVersion = 1)
    {
        var previous = expectedPrevious;
        var sequence = expectedSequence;
        foreach (var record in records)
        {
            if (Check(record, sequence, previous, previousVersion) is { } kind) return new AuditBreak(sequence, kind);
            previous = record.Hash;
            previousVersion = record.Version;
            sequence++;
        }
        return null;
    }
}
