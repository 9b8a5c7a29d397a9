using FluentMigrator;

namespace Registry.Infrastructure.Migrations;

/// <summary>
/// The change feed's own numbering: one row per public outbox event, numbered 1, 2, 3 … in commit order by the
/// <c>public-feed</c> projection. A reader's cursor is that position, which counts public events only, so it reveals nothing
/// of the private events (bids among them) committed in between.
/// </summary>
[Migration(202612020500, "Public feed positions")]
public sealed class M202612020500_CreatePublicFeed : RegistryMigration
{
    public override void Up()
    {
        Create.Table("feed_events")
            .WithColumn("position").AsInt64().PrimaryKey()
            .WithColumn("seq").AsInt64().NotNullable();
        Create.Index("ux_feed_events_seq").OnTable("feed_events").OnColumn("seq").Ascending().WithOptions().Unique();
    }

    public override void Down() => Delete.Table("feed_events");
}
