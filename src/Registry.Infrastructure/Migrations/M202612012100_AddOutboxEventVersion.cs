using FluentMigrator;

namespace Registry.Infrastructure.Migrations;

/// <summary>
/// Each outbox event carries the version of its record (docs/events.md), so readers can tell a changed payload from the one
/// they know. Events written before were all version 1.
/// </summary>
[Migration(202612012100, "Outbox: event version")]
public sealed class M202612012100_AddOutboxEventVersion : RegistryMigration
{
    public override void Up() => Alter.Table("outbox").AddColumn("version").AsInt32().NotNullable().WithDefaultValue(1);

    public override void Down() => Delete.Column("version").FromTable("outbox");
}
