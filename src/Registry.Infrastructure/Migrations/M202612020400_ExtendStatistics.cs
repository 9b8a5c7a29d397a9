using FluentMigrator;

namespace Registry.Infrastructure.Migrations;

/// <summary>
/// The read tables of industry monitoring, all written by the <c>region-activity</c> projection: monthly demand flows per city,
/// domain, modality, unit and base; award value per winner and year; the projection's own copy of each published demand and
/// contract; enterprises' base, talent, domains and designations; catalog entries. The projection's cursor is set
/// back to zero so that it rebuilds every table from the outbox on the next start.
/// </summary>
[Migration(202612020400, "Statistics: demand flows, winners, talent, catalog")]
public sealed class M202612020400_ExtendStatistics : RegistryMigration
{
    public override void Up()
    {
        const string flows = "pk_stats_demand_month";
        Create.Table("stats_demand_month")
            .WithColumn("region_code").AsString(6).NotNullable().PrimaryKey(flows)
            .WithColumn("month").AsString(7).NotNullable().PrimaryKey(flows)
            .WithColumn("domain").AsString(60).NotNullable().PrimaryKey(flows)
            .WithColumn("modality").AsString(40).NotNullable().PrimaryKey(flows)
            .WithColumn("volume_unit").AsString(20).NotNullable().PrimaryKey(flows)
            .WithColumn("base_id").AsString(36).NotNullable().PrimaryKey(flows)
            .WithColumn("province_code").AsString(6).NotNullable()
            .WithColumn("year").AsInt32().NotNullable()
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
        Create.Index("ix_stats_demand_month_province").OnTable("stats_demand_month").OnColumn("province_code").Ascending().OnColumn("month").Ascending();
        Create.Index("ix_stats_demand_month_month").OnTable("stats_demand_month").OnColumn("month");
        Create.Index("ix_stats_demand_month_base").OnTable("stats_demand_month").OnColumn("base_id");

        Create.Table("stats_demands")
            .WithColumn("demand_id").AsGuid().PrimaryKey()
            .WithColumn("region_code").AsString(6).NotNullable()
            .WithColumn("province_code").AsString(6).NotNullable()
            .WithColumn("domain").AsString(60).NotNullable()
            .WithColumn("modality").AsString(40).NotNullable()
            .WithColumn("volume_unit").AsString(20).NotNullable()
            .WithColumn("base_id").AsString(36).NotNullable()
            .WithColumn("volume").AsDecimal(18, 2).NotNullable()
            .WithColumn("budget").AsDecimal(18, 2).NotNullable()
            .WithColumn("bids_opened").AsInt32().NotNullable()
            .WithColumn("opened").AsBoolean().NotNullable();

        Create.Table("stats_contracts")
            .WithColumn("contract_id").AsGuid().PrimaryKey()
            .WithColumn("demand_id").AsGuid().NotNullable();

        const string winners = "pk_stats_award_winners";
        Create.Table("stats_award_winners")
            .WithColumn("region_code").AsString(6).NotNullable().PrimaryKey(winners)
            .WithColumn("year").AsInt32().NotNullable().PrimaryKey(winners)
            .WithColumn("domain").AsString(60).NotNullable().PrimaryKey(winners)
            .WithColumn("enterprise_id").AsGuid().NotNullable().PrimaryKey(winners)
            .WithColumn("province_code").AsString(6).NotNullable()
            .WithColumn("awards").AsInt64().NotNullable()
            .WithColumn("award_value").AsDecimal(18, 2).NotNullable();

        Alter.Table("stats_enterprises").AddColumn("base_id").AsGuid().Nullable();
        Create.Index("ix_stats_enterprises_base").OnTable("stats_enterprises").OnColumn("base_id");

        Create.Table("stats_enterprise_talent")
            .WithColumn("enterprise_id").AsGuid().NotNullable().PrimaryKey("pk_stats_enterprise_talent")
            .WithColumn("skill_level").AsString(20).NotNullable().PrimaryKey("pk_stats_enterprise_talent")
            .WithColumn("annotators").AsInt32().NotNullable();

        Create.Table("stats_enterprise_domains")
            .WithColumn("enterprise_id").AsGuid().NotNullable().PrimaryKey("pk_stats_enterprise_domains")
            .WithColumn("domain").AsString(60).NotNullable().PrimaryKey("pk_stats_enterprise_domains");

        Create.Table("stats_enterprise_designations")
            .WithColumn("enterprise_id").AsGuid().NotNullable().PrimaryKey("pk_stats_enterprise_designations")
            .WithColumn("designation").AsString(20).NotNullable().PrimaryKey("pk_stats_enterprise_designations");

        Create.Table("stats_catalog")
            .WithColumn("entry_id").AsGuid().PrimaryKey()
            .WithColumn("region_code").AsString(6).NotNullable()
            .WithColumn("domain").AsString(60).NotNullable()
            .WithColumn("status").AsString(20).NotNullable();
        Create.Index("ix_stats_catalog_region").OnTable("stats_catalog").OnColumn("region_code");

        // The new tables start empty: replaying the outbox from zero fills them and recounts the old ones alike.
        Execute.Sql("delete from stats_region_month");
        Execute.Sql("delete from stats_certificates");
        Execute.Sql("delete from stats_enterprises");
        Execute.Sql("update projection_cursors set seq = 0, event_at = null, owner = null, lease_until = null where name = 'region-activity'");
    }

    public override void Down()
    {
        foreach (var table in new[] { "stats_catalog", "stats_enterprise_designations", "stats_enterprise_domains",
                     "stats_enterprise_talent", "stats_award_winners", "stats_contracts", "stats_demands", "stats_demand_month" })
            Delete.Table(table);
        Delete.Index("ix_stats_enterprises_base").OnTable("stats_enterprises");
        Delete.Column("base_id").FromTable("stats_enterprises");
    }
}
