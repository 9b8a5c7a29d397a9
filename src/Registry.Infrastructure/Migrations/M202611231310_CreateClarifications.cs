using FluentMigrator;

namespace Registry.Infrastructure.Migrations;

/// <summary>Clarifications of a demand: questions and answers the agency publishes to all bidders while bidding is open.</summary>
[Migration(202611231310, "Demand clarifications")]
public sealed class M202611231310_CreateClarifications : RegistryMigration
{
    public override void Up()
    {
        Create.Table("demand_clarifications")
            .WithColumn("id").AsGuid().PrimaryKey()
            .WithColumn("demand_id").AsGuid().NotNullable().ForeignKey("fk_demand_clarifications_demand", "demands", "id")
            .WithColumn("question").AsString(2000).NotNullable()
            .WithColumn("answer").AsString(4000).NotNullable()
            .WithColumn("published_at").AsTimestamp(this).NotNullable();
        Create.Index("ix_demand_clarifications_demand").OnTable("demand_clarifications").OnColumn("demand_id");
    }

    public override void Down() => Delete.Table("demand_clarifications");
}
