using System.Globalization;
using System.Text;

namespace Registry.Domain.Audit;

/// <summary>
/// A signed statement that the audit record at <see cref="Sequence"/> had <see cref="Hash"/> when it was signed (like
/// Certificate Transparency's signed tree heads). The key is kept outside the database, so a database writer who rewrites
/// a record and recomputes every hash after it cannot make the stored record match a checkpoint again.
/// </summary>
public sealed record AuditCheckpoint(long Sequence, string Hash, DateTimeOffset SignedAt, string KeyId)
{
    /// <summary>The exact text that is signed (UTF-8), one field per line; published so a checkpoint can be checked offline.</summary>
    public string SignedText => string.Join('\n', "registry-audit-checkpoint/1", Sequence.ToString(CultureInfo.InvariantCulture), Hash,
        AuditChain.Time(SignedAt), KeyId);

    public byte[] SignedBytes() => Encoding.UTF8.GetBytes(SignedText);
}

/// <summary>When the next checkpoint is due: after <see cref="EveryRecords"/> new records, or once <see cref="Every"/> has passed
/// since the last checkpoint and something new was recorded.</summary>
public sealed record CheckpointSchedule(int EveryRecords, TimeSpan Every)
{
    /// <param name="newRecords">Records after the last checkpoint other than the signing of checkpoints, which would otherwise
    /// make an idle log sign forever.</param>
    public bool IsDue(long newRecords, DateTimeOffset? lastSignedAt, DateTimeOffset now) =>
        newRecords > 0 && (newRecords >= EveryRecords || lastSignedAt is null || now - lastSignedAt >= Every);
}
