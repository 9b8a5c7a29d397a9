using FluentMigrator;

namespace Registry.Infrastructure.Migrations;

/// <summary>
/// Audit records hashed over every column (form 2: the actor's organization and the hash of the record's outbox rows) and
/// signed checkpoints of the chain (docs/decisions/0007-audit-checkpoint-signing-key.md). Records written before keep form 1.
/// </summary>
[Migration(202612011800, "Audit: hash form per record, outbox hash, signed checkpoints")]
public sealed class M202612011800_AddAuditCheckpoints : RegistryMigration
{
    public override void Up()
    {
        Alter.Table("audit_log").AddColumn("hash_version").AsInt32().NotNullable().WithDefaultValue(1);
        Alter.Table("audit_log").AddColumn("outbox_hash").AsString(64).Nullable();
        // The outbox rows of one record are read by their audit sequence when the chain is verified.
        Create.Index("ix_outbox_audit_seq").OnTable("outbox").OnColumn("audit_seq").Ascending();

        Create.Table("audit_checkpoints")
            .WithColumn("seq").AsInt64().PrimaryKey()
            .WithColumn("hash").AsString(64).NotNullable()
            .WithColumn("signed_at").AsTimestamp(this).NotNullable()
            .WithColumn("key_id").AsString(64).NotNullable()
            .WithColumn("signature").AsString(1024).NotNullable();
    }

    public override void Down()
    {
        Delete.Table("audit_checkpoints");
        Delete.Index("ix_outbox_audit_seq").OnTable("outbox");
        Delete.Column("outbox_hash").FromTable("audit_log");
        Delete.Column("hash_version").FromTable("audit_log");
    }
}
