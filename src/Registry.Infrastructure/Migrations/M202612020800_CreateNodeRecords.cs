using FluentMigrator;

namespace Registry.Infrastructure.Migrations;

/// <summary>
/// What each regional node has written through its batches: its own external id, the platform's record it maps to, a
/// fingerprint of what the node last sent and the record's version after that write. A re-sent item with the same
/// fingerprint changes nothing; a record whose version moved since the node's last write was changed on the platform
/// directly, and the node's change is reported as a conflict instead of overwriting it (docs/one-network.md).
/// </summary>
[Migration(202612020800, "Node records")]
public sealed class M202612020800_CreateNodeRecords : RegistryMigration
{
    public override void Up()
    {
        Create.Table("node_records")
            .WithColumn("node_id").AsGuid().NotNullable().PrimaryKey("pk_node_records").ForeignKey("fk_node_records_node", "organizations", "id")
            .WithColumn("kind").AsString(20).NotNullable().PrimaryKey("pk_node_records")
            .WithColumn("external_id").AsString(100).NotNullable().PrimaryKey("pk_node_records")
            .WithColumn("entity_id").AsGuid().NotNullable()
            .WithColumn("fingerprint").AsString(64).NotNullable()
            .WithColumn("entity_version").AsInt64().NotNullable()
            .WithColumn("created_at").AsTimestamp(this).NotNullable()
            .WithColumn("updated_at").AsTimestamp(this).NotNullable();
        Create.Index("ux_node_records_entity").OnTable("node_records").OnColumn("kind").Ascending().OnColumn("entity_id").Ascending()
            .WithOptions().Unique();
    }

    public override void Down() => Delete.Table("node_records");
}
