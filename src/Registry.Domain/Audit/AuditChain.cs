using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Registry.Domain.Audit;

/// <summary>One entry of the append-only audit log, as it is hashed.</summary>
public sealed record AuditEntry(
    long Sequence,
    DateTimeOffset OccurredAt,
    string Actor,
    string Action,
    string EntityType,
    string EntityId,
    string RequestHash,
    string PreviousHash);

/// <summary>
/// The audit log's hash chain: each record's SHA-256 covers its own fields and the hash of the record before it,
/// so changing, removing or reordering any stored record breaks every hash after it.
/// </summary>
public static class AuditChain
{
    /// <summary>The "previous hash" of the first record.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string Hash(AuditEntry e)
    {
        // Unit separators keep field boundaries unambiguous ("ab"+"c" never hashes like "a"+"bc").
        var canonical = string.Join('\u001f',
            e.Sequence.ToString(CultureInfo.InvariantCulture),
            e.OccurredAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
            e.Actor, e.Action, e.EntityType, e.EntityId, e.RequestHash, e.PreviousHash);
        return Sha256Hex(canonical);
    }

    public static string Sha256Hex(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>Checks an ordered run of records; returns the sequence of the first broken one, or null when intact.</summary>
    public static long? FirstBroken(IEnumerable<(AuditEntry Entry, string StoredHash)> records, string expectedPrevious = Genesis,
        long expectedSequence = 1)
    {
        var previous = expectedPrevious;
        var sequence = expectedSequence;
        foreach (var (entry, stored) in records)
        {
            if (entry.Sequence != sequence || entry.PreviousHash != previous || Hash(entry) != stored)
                return sequence;
            previous = stored;
            sequence++;
        }
        return null;
    }
}
