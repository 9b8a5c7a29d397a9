using FluentMigrator;

namespace Registry.Infrastructure.Migrations;

/// <summary>
/// The demand flows of <c>stats_demand_month</c> summed over all months and bases, per city, domain, modality and unit: what the
/// overview and the breakdowns without a span read, a few thousand rows where the monthly table holds a hundred thousand at
/// 100,000 demands (docs/performance.md). Kept by the same projection in the same transaction; filled here from the monthly rows.
/// </summary>
[Migration(202612020530, "Statistics: demand flow totals")]
public sealed class M202612020530_AddStatisticsDemandTotals : RegistryMigration
{
    private const string Flows = """
        demands_published, budget_published, demands_opened, bids_opened, invitations_sent, demands_awarded, awarded_value, awarded_volume,
        demands_unsuccessful, demands_cancelled, deliveries_accepted, contracts_on_time, deliveries_rejected, contracts_completed, contracts_terminated
        """;

    public override void Up()
    {
        const string key = "pk_stats_demand_totals";
        Create.Table("stats_demand_totals")
            .WithColumn("region_code").AsString(6).NotNullable().PrimaryKey(key)
            .WithColumn("domain").AsString(60).NotNullable().PrimaryKey(key)
            .WithColumn("modality").AsString(40).NotNullable().PrimaryKey(key)
            .WithColumn("volume_unit").AsString(20).NotNullable().PrimaryKey(key)
            .WithColumn("province_code").AsString(6).NotNullable()
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
        var sums = string.Join(", ", Flows.Split(',', StringSplitOptions.TrimEntries).Select(c => $"sum({c})"));
        Execute.Sql($"""
            insert into stats_demand_totals (region_code, domain, modality, volume_unit, province_code, {Flows})
            select region_code, domain, modality, volume_unit, min(province_code), {sums}
            from stats_demand_month group by region_code, domain, modality, volume_unit
            """);
    }

    public override void Down() => Delete.Table("stats_demand_totals");
}
