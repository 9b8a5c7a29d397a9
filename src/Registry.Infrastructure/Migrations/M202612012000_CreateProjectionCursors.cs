using FluentMigrator;

namespace Registry.Infrastructure.Migrations;

/// <summary>
/// One row per outbox projection: the last sequence it applied, the instance that holds its lease, and the event that
/// stopped it, if one did (docs/architecture.md, Projections).
/// </summary>
[Migration(202612012000, "Projections: cursors, leases and stops of the outbox projector")]
public sealed class M202612012000_CreateProjectionCursors : RegistryMigration
{
    public override void Up()
    {
        Create.Table("projection_cursors")
            .WithColumn("name").AsString(100).PrimaryKey()
            .WithColumn("seq").AsInt64().NotNullable()
            .WithColumn("event_at").AsTimestamp(this).Nullable()
            .WithColumn("updated_at").AsTimestamp(this).NotNullable()
            .WithColumn("owner").AsString(200).Nullable()
            .WithColumn("lease_until").AsTimestamp(this).Nullable()
            .WithColumn("stopped_seq").AsInt64().Nullable()
            .WithColumn("stopped_type").AsString(100).Nullable()
            .WithColumn("stopped_reason").AsString(2000).Nullable()
            .WithColumn("stopped_at").AsTimestamp(this).Nullable();
    }

    public override void Down() => Delete.Table("projection_cursors");
}
