using FluentMigrator;

namespace Registry.Infrastructure.Migrations;

/// <summary>
/// Challenges (质疑) of a demand's terms or result with the agency's answer; complaints (投诉) to the regulators with their
/// suspension and decision; and the demand's suspension, which the closing, evaluation, award and contract steps check.
/// </summary>
[Migration(202612021100, "Challenges and complaints")]
public sealed class M202612021100_CreateChallenges : RegistryMigration
{
    public override void Up()
    {
        Create.Table("demand_challenges")
            .WithColumn("id").AsGuid().PrimaryKey()
            .WithColumn("demand_id").AsGuid().NotNullable().ForeignKey("fk_demand_challenges_demand", "demands", "id")
            .WithColumn("enterprise_id").AsGuid().NotNullable().ForeignKey("fk_demand_challenges_enterprise", "organizations", "id")
            .WithColumn("kind").AsString(10).NotNullable()
            .WithColumn("grounds").AsString(4000).NotNullable()
            .WithColumn("evidence").AsString(4000).Nullable()
            .WithColumn("status").AsString(20).NotNullable()
            .WithColumn("filed_at").AsTimestamp(this).NotNullable()
            .WithColumn("answer_due").AsTimestamp(this).NotNullable()
            .WithColumn("answer").AsString(4000).Nullable()
            .WithColumn("upheld").AsBoolean().Nullable()
            .WithColumn("answered_at").AsTimestamp(this).Nullable();
        Create.Index("ix_demand_challenges_demand").OnTable("demand_challenges").OnColumn("demand_id").Ascending().OnColumn("filed_at").Ascending();
        // The hourly check looks for filed challenges past their answer deadline.
        Create.Index("ix_demand_challenges_due").OnTable("demand_challenges").OnColumn("status").Ascending().OnColumn("answer_due").Ascending();

        Create.Table("demand_complaints")
            .WithColumn("id").AsGuid().PrimaryKey()
            .WithColumn("challenge_id").AsGuid().NotNullable().Unique("ux_demand_complaints_challenge")
                .ForeignKey("fk_demand_complaints_challenge", "demand_challenges", "id")
            .WithColumn("demand_id").AsGuid().NotNullable().ForeignKey("fk_demand_complaints_demand", "demands", "id")
            .WithColumn("grounds").AsString(4000).NotNullable()
            .WithColumn("status").AsString(20).NotNullable()
            .WithColumn("filed_at").AsTimestamp(this).NotNullable()
            .WithColumn("suspended_at").AsTimestamp(this).Nullable()
            .WithColumn("suspended_by").AsGuid().Nullable().ForeignKey("fk_demand_complaints_suspended_by", "organizations", "id")
            .WithColumn("suspension_reason").AsString(2000).Nullable()
            .WithColumn("decided_at").AsTimestamp(this).Nullable()
            .WithColumn("decided_by").AsGuid().Nullable().ForeignKey("fk_demand_complaints_decided_by", "organizations", "id")
            .WithColumn("upheld").AsBoolean().Nullable()
            .WithColumn("reasoning").AsString(4000).Nullable()
            .WithColumn("redo_step").AsString(10).Nullable();
        Create.Index("ix_demand_complaints_demand").OnTable("demand_complaints").OnColumn("demand_id").Ascending();

        // The complaint that suspended the demand; null while the procurement may proceed.
        Alter.Table("demands").AddColumn("suspended_by_complaint_id").AsGuid().Nullable();
    }

    public override void Down()
    {
        Delete.Column("suspended_by_complaint_id").FromTable("demands");
        Delete.Table("demand_complaints");
        Delete.Table("demand_challenges");
    }
}
