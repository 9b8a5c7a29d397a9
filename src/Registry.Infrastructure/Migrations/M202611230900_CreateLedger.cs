using FluentMigrator;
using Registry.Domain.Audit;

namespace Registry.Infrastructure.Migrations;

/// <summary>The audit log (hash chained), the outbox (ordered change stream) and idempotency records.</summary>
[Migration(202611230900, "Ledger: audit log, outbox, idempotency keys")]
public sealed class M202611230900_CreateLedger : RegistryMigration
{
    public override void Up()
    {
        // One row, locked by every command: it orders audit records and outbox events by commit.
        Create.Table("ledger_head")
            .WithColumn("id").AsInt32().PrimaryKey()
            .WithColumn("version").AsInt64().NotNullable()
            .WithColumn("audit_seq").AsInt64().NotNullable()
            .WithColumn("audit_hash").AsString(64).NotNullable()
            .WithColumn("outbox_seq").AsInt64().NotNullable();
        Insert.IntoTable("ledger_head").Row(new { id = 1, version = 0L, audit_seq = 0L, audit_hash = AuditChain.Genesis, outbox_seq = 0L });

        Create.Table("audit_log")
            .WithColumn("seq").AsInt64().PrimaryKey()
            .WithColumn("occurred_at").AsTimestamp(this).NotNullable()
            .WithColumn("actor").AsString(200).NotNullable()
            .WithColumn("actor_organization_id").AsGuid().Nullable()
            .WithColumn("action").AsString(100).NotNullable()
            .WithColumn("entity_type").AsString(50).NotNullable()
            .WithColumn("entity_id").AsString(100).NotNullable()
            .WithColumn("request_hash").AsString(64).NotNullable()
            .WithColumn("previous_hash").AsString(64).NotNullable()
            .WithColumn("hash").AsString(64).NotNullable();
        Create.Index("ix_audit_log_entity").OnTable("audit_log").OnColumn("entity_type").Ascending().OnColumn("entity_id").Ascending();

        Create.Table("outbox")
            .WithColumn("seq").AsInt64().PrimaryKey()
            .WithColumn("id").AsGuid().NotNullable().Unique("ux_outbox_id")
            .WithColumn("occurred_at").AsTimestamp(this).NotNullable()
            .WithColumn("type").AsString(100).NotNullable()
            .WithColumn("entity_type").AsString(50).NotNullable()
            .WithColumn("entity_id").AsString(100).NotNullable()
            .WithColumn("payload").AsString(int.MaxValue).NotNullable()
            .WithColumn("audit_seq").AsInt64().NotNullable();

        Create.Table("idempotency_keys")
            .WithColumn("idempotency_key").AsString(200).NotNullable().PrimaryKey("pk_idempotency_keys")
            .WithColumn("caller").AsString(200).NotNullable().PrimaryKey("pk_idempotency_keys")
            .WithColumn("request_hash").AsString(64).NotNullable()
            .WithColumn("request_type").AsString(100).NotNullable()
            .WithColumn("response").AsString(int.MaxValue).NotNullable()
            .WithColumn("created_at").AsTimestamp(this).NotNullable();
        Create.Index("ix_idempotency_keys_created_at").OnTable("idempotency_keys").OnColumn("created_at");
    }

    public override void Down()
    {
        Delete.Table("idempotency_keys");
        Delete.Table("outbox");
        Delete.Table("audit_log");
        Delete.Table("ledger_head");
    }
}
