using FluentMigrator;

namespace Registry.Infrastructure.Migrations;

/// <summary>
/// Evaluations of demands (one per demand, replaced when re-run) with a score row per bid; contracts created by awards
/// (one per demand: the unique index makes a second award impossible); deliveries with their acceptance decisions.
/// </summary>
[Migration(202611231400, "Evaluations, contracts, deliveries")]
public sealed class M202611231400_CreateContracts : RegistryMigration
{
    public override void Up()
    {
        Create.Table("evaluations")
            .WithColumn("demand_id").AsGuid().PrimaryKey().ForeignKey("fk_evaluations_demand", "demands", "id")
            .WithColumn("method").AsString(20).NotNullable()
            .WithColumn("price_weight").AsInt32().NotNullable()
            .WithColumn("technical_weight").AsInt32().NotNullable()
            .WithColumn("quality_weight").AsInt32().NotNullable()
            .WithColumn("minimum_accuracy").AsDecimal(6, 4).NotNullable()
            .WithColumn("bidding_closed_on").AsDate().NotNullable()
            .WithColumn("due_date").AsDate().NotNullable()
            .WithColumn("lowest_eligible_price").AsDecimal(18, 2).Nullable()
            .WithColumn("eligible_bids").AsInt32().NotNullable()
            .WithColumn("runs").AsInt32().NotNullable()
            .WithColumn("evaluated_at").AsTimestamp(this).NotNullable();

        Create.Table("evaluation_scores")
            .WithColumn("demand_id").AsGuid().NotNullable().PrimaryKey().ForeignKey("fk_evaluation_scores_demand", "demands", "id")
            .WithColumn("bid_id").AsGuid().NotNullable().PrimaryKey().ForeignKey("fk_evaluation_scores_bid", "bids", "id")
            .WithColumn("enterprise_id").AsGuid().NotNullable()
            .WithColumn("price").AsDecimal(18, 2).NotNullable()
            .WithColumn("accuracy").AsDecimal(6, 4).NotNullable()
            .WithColumn("delivery_date").AsDate().NotNullable()
            .WithColumn("eligible").AsBoolean().NotNullable()
            .WithColumn("ineligibility_reason").AsString(2000).Nullable()
            .WithColumn("ranking").AsInt32().Nullable()
            .WithColumn("price_score").AsDecimal(9, 2).Nullable()
            .WithColumn("technical_score").AsDecimal(9, 2).Nullable()
            .WithColumn("quality_score").AsDecimal(9, 2).Nullable()
            .WithColumn("total_score").AsDecimal(9, 2).Nullable()
            .WithColumn("price_factor").AsDecimal(6, 4).Nullable()
            .WithColumn("accuracy_factor").AsDecimal(6, 4).Nullable()
            .WithColumn("delivery_factor").AsDecimal(6, 4).Nullable()
            .WithColumn("quality_basis").AsString(20).Nullable()
            .WithColumn("quality_deliveries").AsInt32().Nullable()
            .WithColumn("quality_factor").AsDecimal(6, 4).Nullable();

        Create.Table("contracts")
            .WithColumn("id").AsGuid().PrimaryKey()
            .WithColumn("number").AsString(30).NotNullable().Unique("ux_contracts_number")
            .WithColumn("demand_id").AsGuid().NotNullable().ForeignKey("fk_contracts_demand", "demands", "id")
            .WithColumn("bid_id").AsGuid().NotNullable().ForeignKey("fk_contracts_bid", "bids", "id")
            .WithColumn("agency_id").AsGuid().NotNullable().ForeignKey("fk_contracts_agency", "organizations", "id")
            .WithColumn("enterprise_id").AsGuid().NotNullable().ForeignKey("fk_contracts_enterprise", "organizations", "id")
            .WithColumn("domain").AsString(60).NotNullable()
            .WithColumn("region_code").AsString(6).NotNullable().ForeignKey("fk_contracts_region", "regions", "code")
            .WithColumn("contract_value").AsDecimal(18, 2).NotNullable()
            .WithColumn("volume").AsDecimal(18, 2).NotNullable()
            .WithColumn("volume_unit").AsString(20).NotNullable()
            .WithColumn("minimum_accuracy").AsDecimal(6, 4).NotNullable()
            .WithColumn("due_date").AsDate().NotNullable()
            .WithColumn("bid_rank").AsInt32().NotNullable()
            .WithColumn("award_reason").AsString(2000).Nullable()
            .WithColumn("status").AsString(20).NotNullable()
            .WithColumn("status_reason").AsString(2000).Nullable()
            .WithColumn("accepted_accuracy").AsDecimal(6, 4).Nullable()
            .WithColumn("on_time").AsBoolean().Nullable()
            .WithColumn("awarded_at").AsTimestamp(this).NotNullable()
            .WithColumn("closed_at").AsTimestamp(this).Nullable()
            .WithColumn("row_version").AsInt64().NotNullable()
            .WithColumn("updated_at").AsTimestamp(this).NotNullable();
        // One contract per demand, whatever races: the second award's insert fails.
        Create.Index("ux_contracts_demand").OnTable("contracts").OnColumn("demand_id").Ascending().WithOptions().Unique();
        Create.Index("ix_contracts_enterprise").OnTable("contracts").OnColumn("enterprise_id").Ascending().OnColumn("status").Ascending();
        Create.Index("ix_contracts_agency").OnTable("contracts").OnColumn("agency_id");
        Create.Index("ix_contracts_region").OnTable("contracts").OnColumn("region_code");

        Create.Table("deliveries")
            .WithColumn("id").AsGuid().PrimaryKey()
            .WithColumn("contract_id").AsGuid().NotNullable().ForeignKey("fk_deliveries_contract", "contracts", "id")
            .WithColumn("attempt").AsInt32().NotNullable()
            .WithColumn("description").AsString(2000).NotNullable()
            .WithColumn("quantity").AsDecimal(18, 2).NotNullable()
            .WithColumn("manifest_sha256").AsString(64).NotNullable()
            .WithColumn("delivered_at").AsTimestamp(this).NotNullable()
            .WithColumn("on_time").AsBoolean().NotNullable()
            .WithColumn("status").AsString(20).NotNullable()
            .WithColumn("sample_size").AsInt32().Nullable()
            .WithColumn("measured_accuracy").AsDecimal(6, 4).Nullable()
            .WithColumn("decision_note").AsString(2000).Nullable()
            .WithColumn("decided_at").AsTimestamp(this).Nullable();
        Create.Index("ux_deliveries_contract_attempt").OnTable("deliveries").OnColumn("contract_id").Ascending().OnColumn("attempt").Ascending()
            .WithOptions().Unique();
    }

    public override void Down()
    {
        Delete.Table("deliveries");
        Delete.Table("contracts");
        Delete.Table("evaluation_scores");
        Delete.Table("evaluations");
    }
}
