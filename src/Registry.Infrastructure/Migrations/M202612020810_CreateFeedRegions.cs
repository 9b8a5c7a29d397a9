using FluentMigrator;

namespace Registry.Infrastructure.Migrations;

/// <summary>
/// The change feed's regional slices: each public event again under the province and the city of the region it concerns,
/// numbered 1, 2, 3 … per slice in commit order, so a regional node follows its own region with the same cursor discipline as
/// the whole feed (docs/one-network.md).
/// </summary>
[Migration(202612020810, "Feed region slices")]
public sealed class M202612020810_CreateFeedRegions : RegistryMigration
{
    public override void Up()
    {
        Create.Table("feed_region_events")
            .WithColumn("region_code").AsString(6).NotNullable().PrimaryKey("pk_feed_region_events")
            .WithColumn("position").AsInt64().NotNullable().PrimaryKey("pk_feed_region_events")
            .WithColumn("seq").AsInt64().NotNullable();
        Create.Index("ux_feed_region_events_seq").OnTable("feed_region_events").OnColumn("seq").Ascending().OnColumn("region_code").Ascending()
            .WithOptions().Unique();
    }

    public override void Down() => Delete.Table("feed_region_events");
}
