using FluentMigrator;

namespace Registry.Infrastructure.Migrations;

/// <summary>Labeling demands (tenders), their bids (one row per enterprise and demand), and the demand board read model.</summary>
[Migration(202611231300, "Demands and sealed bids")]
public sealed class M202611231300_CreateDemands : RegistryMigration
{
    public override void Up()
    {
        Create.Table("demands")
            .WithColumn("id").AsGuid().PrimaryKey()
            .WithColumn("agency_id").AsGuid().NotNullable().ForeignKey("fk_demands_agency", "organizations", "id")
            .WithColumn("catalog_entry_id").AsGuid().Nullable().ForeignKey("fk_demands_catalog_entry", "catalog_entries", "id")
            .WithColumn("number").AsString(30).Nullable().Unique("ux_demands_number")
            .WithColumn("ocid").AsString(80).Nullable()
            .WithColumn("title").AsString(200).NotNullable()
            .WithColumn("description").AsString(4000).NotNullable()
            .WithColumn("task_specification").AsString(int.MaxValue).NotNullable()
            .WithColumn("positive_examples").AsString(int.MaxValue).NotNullable()
            .WithColumn("negative_examples").AsString(int.MaxValue).NotNullable()
            .WithColumn("domain").AsString(60).NotNullable()
            .WithColumn("modality").AsString(40).NotNullable()
            .WithColumn("task_types").AsString(500).NotNullable()
            .WithColumn("volume").AsDecimal(18, 2).NotNullable()
            .WithColumn("volume_unit").AsString(20).NotNullable()
            .WithColumn("minimum_accuracy").AsDecimal(6, 4).NotNullable()
            .WithColumn("budget_ceiling").AsDecimal(18, 2).NotNullable()
            .WithColumn("required_grade").AsInt32().NotNullable()
            .WithColumn("security_level").AsString(20).NotNullable()
            .WithColumn("region_code").AsString(6).NotNullable().ForeignKey("fk_demands_region", "regions", "code")
            .WithColumn("preferred_base_id").AsGuid().Nullable().ForeignKey("fk_demands_base", "bases", "id")
            .WithColumn("evaluation_method").AsString(20).NotNullable()
            .WithColumn("price_weight").AsInt32().NotNullable()
            .WithColumn("technical_weight").AsInt32().NotNullable()
            .WithColumn("quality_weight").AsInt32().NotNullable()
            .WithColumn("bid_deadline").AsTimestamp(this).NotNullable()
            .WithColumn("due_date").AsDate().NotNullable()
            .WithColumn("minimum_eligible_bids").AsInt32().NotNullable()
            .WithColumn("status").AsString(20).NotNullable()
            .WithColumn("status_reason").AsString(2000).Nullable()
            .WithColumn("published_at").AsTimestamp(this).Nullable()
            .WithColumn("closed_at").AsTimestamp(this).Nullable()
            .WithColumn("row_version").AsInt64().NotNullable()
            .WithColumn("created_at").AsTimestamp(this).NotNullable()
            .WithColumn("updated_at").AsTimestamp(this).NotNullable();
        Create.Index("ix_demands_status_deadline").OnTable("demands").OnColumn("status").Ascending().OnColumn("bid_deadline").Ascending();
        Create.Index("ix_demands_agency").OnTable("demands").OnColumn("agency_id");

        Create.Table("bids")
            .WithColumn("id").AsGuid().PrimaryKey()
            .WithColumn("demand_id").AsGuid().NotNullable().ForeignKey("fk_bids_demand", "demands", "id")
            .WithColumn("enterprise_id").AsGuid().NotNullable().ForeignKey("fk_bids_enterprise", "organizations", "id")
            .WithColumn("price").AsDecimal(18, 2).NotNullable()
            .WithColumn("unit_price").AsDecimal(18, 2).NotNullable()
            .WithColumn("delivery_date").AsDate().NotNullable()
            .WithColumn("accuracy").AsDecimal(6, 4).NotNullable()
            .WithColumn("team_size").AsInt32().NotNullable()
            .WithColumn("technical_summary").AsString(4000).NotNullable()
            .WithColumn("status").AsString(20).NotNullable()
            .WithColumn("eligible").AsBoolean().Nullable()
            .WithColumn("ineligibility_reason").AsString(2000).Nullable()
            .WithColumn("submitted_at").AsTimestamp(this).NotNullable()
            .WithColumn("updated_at").AsTimestamp(this).NotNullable();
        // One row per enterprise and demand: replacing or withdrawing a bid changes that row, so one live bid at most.
        Create.Index("ux_bids_demand_enterprise").OnTable("bids").OnColumn("demand_id").Ascending().OnColumn("enterprise_id").Ascending()
            .WithOptions().Unique();
    }

    public override void Down()
    {
        Delete.Table("bids");
        Delete.Table("demands");
    }
}
