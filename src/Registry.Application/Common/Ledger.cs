using System.Text.Json;
using Registry.Domain.Audit;

namespace Registry.Application.Common;

/// <summary>
/// Appends the audit record and outbox events of a command. The single <c>ledger_head</c> row is locked at the
/// end of every command, after its handler's work, and held to its commit, so audit and outbox sequences are gap-free
/// and follow commit order on every database and the hash chain never forks, whatever the number of API instances.
/// </summary>
public sealed class Ledger(IWriteDb db, TimeProvider clock)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Takes the ledger row's lock until the commit; called by the pipeline right before <see cref="AppendAsync"/>.</summary>
    public Task LockAsync(CancellationToken ct) => db.ExecuteAsync(LockSql, null, ct);

    public async Task AppendAsync(ICaller caller, object command, CommandJournal journal, CancellationToken ct)
    {
        var events = journal.Events;
        var head = await db.QuerySingleOrDefaultAsync<Head>(HeadSql, null, ct)
            ?? throw new InvalidOperationException("ledger_head is missing: the database was not migrated.");
        var now = TruncateToMicroseconds(clock.GetUtcNow());
        var auditSeq = head.AuditSeq + 1;
        var outbox = events.Select((e, i) => new OutboxRecord(head.OutboxSeq + i + 1, Guid.CreateVersion7(), now, e.Type, e.Version, e.EntityType,
            e.EntityId, JsonSerializer.Serialize(e.Payload, e.Payload.GetType(), Json), auditSeq)).ToList();
        var entry = new AuditEntry(auditSeq, now, caller.Subject, caller.OrganizationId, command.GetType().Name,
            journal.Entity?.Type ?? "none", journal.Entity?.Id ?? "", RequestHash(command), AuditChain.OutboxHash(outbox), head.AuditHash);
        var hash = AuditChain.Hash(entry);
        await db.ExecuteAsync(InsertAuditSql, new
        {
            seq = entry.Sequence,
            occurredAt = now,
            actor = entry.Actor,
            actorOrganizationId = entry.ActorOrganizationId,
            action = entry.Action,
            entityType = entry.EntityType,
            entityId = entry.EntityId,
            requestHash = entry.RequestHash,
            outboxHash = entry.OutboxHash,
            previousHash = entry.PreviousHash,
            hashVersion = AuditChain.Version,
            hash,
        }, ct);

        foreach (var row in outbox)
        {
            await db.ExecuteAsync(InsertOutboxSql, new
            {
                seq = row.Sequence,
                id = row.Id,
                occurredAt = row.OccurredAt,
                type = row.Type,
                version = row.Version,
                entityType = row.EntityType,
                entityId = row.EntityId,
                payload = row.Payload,
                auditSeq = row.AuditSequence,
            }, ct);
        }
        var outboxSeq = head.OutboxSeq + outbox.Count;

        await db.ExecuteAsync(AdvanceSql, new { auditSeq = entry.Sequence, auditHash = hash, outboxSeq }, ct);
    }

    // PostgreSQL keeps microseconds: the hashed time must be the time that is stored and read back.
    private static DateTimeOffset TruncateToMicroseconds(DateTimeOffset t) =>
        new(t.UtcTicks - t.UtcTicks % 10, TimeSpan.Zero);

    public static string RequestHash(object request) =>
        AuditChain.Sha256Hex(request.GetType().FullName + ":" + JsonSerializer.Serialize(request, request.GetType(), Redacting));

    // Passwords and secrets never reach the audit log or the idempotency store, not even hashed.
    internal static readonly JsonSerializerOptions Redacting = new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver
        {
            Modifiers =
            {
                info =>
                {
                    foreach (var property in info.Properties.Where(p =>
                                 p.AttributeProvider?.IsDefined(typeof(RedactedAttribute), inherit: true) == true).ToList())
                        info.Properties.Remove(property);
                },
            },
        },
    };

    private sealed record Head(long AuditSeq, string AuditHash, long OutboxSeq);

    private static readonly Sql LockSql = new("update ledger_head set version = version + 1 where id = 1");

    private static readonly Sql HeadSql = new("select audit_seq, audit_hash, outbox_seq from ledger_head where id = 1");

    private static readonly Sql AdvanceSql = new("""
        update ledger_head set audit_seq = @auditSeq, audit_hash = @auditHash, outbox_seq = @outboxSeq where id = 1
        """);

    private static readonly Sql InsertAuditSql = new("""
        insert into audit_log (seq, occurred_at, actor, actor_organization_id, action, entity_type, entity_id,
            request_hash, outbox_hash, previous_hash, hash_version, hash)
        values (@seq, @occurredAt, @actor, @actorOrganizationId, @action, @entityType, @entityId,
            @requestHash, @outboxHash, @previousHash, @hashVersion, @hash)
        """);

    private static readonly Sql InsertOutboxSql = new("""
        insert into outbox (seq, id, occurred_at, type, version, entity_type, entity_id, payload, audit_seq)
        values (@seq, @id, @occurredAt, @type, @version, @entityType, @entityId, @payload, @auditSeq)
        """);
}
