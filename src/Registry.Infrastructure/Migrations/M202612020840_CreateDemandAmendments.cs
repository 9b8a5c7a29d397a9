using FluentMigrator;

namespace Registry.Infrastructure.Migrations;

/// <summary>The numbered amendments (修改) of a demand's terms: what changed, why, and the deadline before and after.</summary>
[Migration(202612020840, "Demand amendments")]
public sealed class M202612020840_CreateDemandAmendments : RegistryMigration
{
    public override void Up()
    {
        Create.Table("demand_amendments")
            .WithColumn("demand_id").AsGuid().NotNullable().PrimaryKey("pk_demand_amendments").ForeignKey("fk_demand_amendments_demand", "demands", "id")
            .WithColumn("number").AsInt32().NotNullable().PrimaryKey("pk_demand_amendments")
            .WithColumn("reason").AsString(2000).NotNullable()
            .WithColumn("changes").AsString(int.MaxValue).NotNullable()
            .WithColumn("deadline_before").AsTimestamp(this).NotNullable()
            .WithColumn("deadline_after").AsTimestamp(this).NotNullable()
            .WithColumn("published_at").AsTimestamp(this).NotNullable();
    }

    public override void Down() => Delete.Table("demand_amendments");
}
