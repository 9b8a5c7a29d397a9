using FluentMigrator;

namespace Registry.Infrastructure.Migrations;

/// <summary>
/// The demand flows summed for every region the overview can be asked for: one row per region (city, province and the
/// nation), domain, modality and unit, so the overview of the nation reads about a hundred rows instead of summing every
/// city's (docs/performance.md). Kept by the statistics projection in the same transaction as the city's own rows; its
/// cursor is set back to zero here, so the next start replays the outbox into every statistics table, this one included.
/// </summary>
[Migration(202612020600, "Statistics: demand flows per region at every level")]
public sealed class M202612020600_AddStatisticsDemandRollup : RegistryMigration
{
    public override void Up()
    {
        const string key = "pk_stats_demand_rollup";
        Create.Table("stats_demand_rollup")
            .WithColumn("region_code").AsString(6).NotNullable().PrimaryKey(key)
            .WithColumn("domain").AsString(60).NotNullable().PrimaryKey(key)
            .WithColumn("modality").AsString(40).NotNullable().PrimaryKey(key)
            .WithColumn("volume_unit").AsString(20).NotNullable().PrimaryKey(key)
            .WithColumn("demands_published").AsInt64().NotNullable()
            .WithColumn("budget_published").AsDecimal(18, 2).NotNullable()
            .WithColumn("demands_opened").AsInt64().NotNullable()
            .WithColumn("bids_opened").AsInt64().NotNullable()
            .WithColumn("invitations_sent").AsInt64().NotNullable()
            .WithColumn("demands_awarded").AsInt64().NotNullable()
            .WithColumn("awarded_value").AsDecimal(18, 2).NotNullable()
            .WithColumn("awarded_volume").AsDecimal(18, 2).NotNullable()
            .WithColumn("demands_unsuccessful").AsInt64().NotNullable()
            .WithColumn("demands_cancelled").AsInt64().NotNullable()
            .WithColumn("deliveries_accepted").AsInt64().NotNullable()
            .WithColumn("contracts_on_time").AsInt64().NotNullable()
            .WithColumn("deliveries_rejected").AsInt64().NotNullable()
            .WithColumn("contracts_completed").AsInt64().NotNullable()
            .WithColumn("contracts_terminated").AsInt64().NotNullable();

        // Every table the projection writes starts again from nothing; the replay from sequence zero fills them all alike.
        foreach (var table in new[]
                 {
                     "stats_demand_month", "stats_demand_totals", "stats_award_winners", "stats_contracts", "stats_demands", "stats_enterprise_talent",
                     "stats_enterprise_domains", "stats_enterprise_designations", "stats_catalog", "stats_region_month", "stats_certificates",
                     "stats_enterprises",
                 })
            Execute.Sql($"delete from {table}");
        Execute.Sql("update projection_cursors set seq = 0, event_at = null, owner = null, lease_until = null where name = 'region-activity'");
    }

    public override void Down() => Delete.Table("stats_demand_rollup");
}
