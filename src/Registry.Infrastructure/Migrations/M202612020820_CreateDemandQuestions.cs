using FluentMigrator;

namespace Registry.Infrastructure.Migrations;

/// <summary>Bidders' questions (询问) about a demand's terms; an answered one points at the clarification that published its answer.</summary>
[Migration(202612020820, "Demand questions")]
public sealed class M202612020820_CreateDemandQuestions : RegistryMigration
{
    public override void Up()
    {
        Create.Table("demand_questions")
            .WithColumn("id").AsGuid().PrimaryKey()
            .WithColumn("demand_id").AsGuid().NotNullable().ForeignKey("fk_demand_questions_demand", "demands", "id")
            .WithColumn("enterprise_id").AsGuid().NotNullable().ForeignKey("fk_demand_questions_enterprise", "organizations", "id")
            .WithColumn("question").AsString(2000).NotNullable()
            .WithColumn("status").AsString(20).NotNullable()
            .WithColumn("clarification_id").AsGuid().Nullable().ForeignKey("fk_demand_questions_clarification", "demand_clarifications", "id")
            .WithColumn("asked_at").AsTimestamp(this).NotNullable()
            .WithColumn("answered_at").AsTimestamp(this).Nullable();
        Create.Index("ix_demand_questions_demand").OnTable("demand_questions").OnColumn("demand_id").Ascending().OnColumn("asked_at").Ascending();
        Create.Index("ix_demand_questions_enterprise").OnTable("demand_questions").OnColumn("enterprise_id").Ascending();
    }

    public override void Down() => Delete.Table("demand_questions");
}
