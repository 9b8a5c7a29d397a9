using FluentMigrator;
using Registry.Domain.Exclusions;

namespace Registry.Infrastructure.Migrations;

/// <summary>
/// Exclusions (debarment, credit blacklist): a regulator records one for an enterprise of its jurisdiction, for a period of
/// China dates (no end: until lifted); lifting one early keeps who, when and why. Public, like the directory.
/// </summary>
[Migration(202612021000, "Exclusions")]
public sealed class M202612021000_CreateExclusions : RegistryMigration
{
    public override void Up()
    {
        Create.Table("exclusions")
            .WithColumn("id").AsGuid().PrimaryKey()
            .WithColumn("enterprise_id").AsGuid().NotNullable().ForeignKey("fk_exclusions_enterprise", "organizations", "id")
            .WithColumn("type").AsString(40).NotNullable()
            .WithColumn("source").AsString(40).NotNullable()
            .WithColumn("reason").AsString(ExclusionLifecycle.ReasonLength).NotNullable()
            .WithColumn("legal_basis").AsString(ExclusionLifecycle.LegalBasisLength).NotNullable()
            .WithColumn("start_date").AsDate().NotNullable()
            .WithColumn("end_date").AsDate().Nullable()
            .WithColumn("recorded_by").AsGuid().NotNullable().ForeignKey("fk_exclusions_recorded_by", "organizations", "id")
            .WithColumn("recorded_at").AsTimestamp(this).NotNullable()
            .WithColumn("lifted_at").AsTimestamp(this).Nullable()
            .WithColumn("lifted_on").AsDate().Nullable()
            .WithColumn("lifted_by").AsGuid().Nullable().ForeignKey("fk_exclusions_lifted_by", "organizations", "id")
            .WithColumn("lift_reason").AsString(ExclusionLifecycle.ReasonLength).Nullable()
            .WithColumn("row_version").AsInt64().NotNullable();
        // Eligibility asks "is this enterprise excluded today?" for every bid it judges.
        Create.Index("ix_exclusions_enterprise").OnTable("exclusions").OnColumn("enterprise_id").Ascending().OnColumn("start_date").Ascending();
        Create.Index("ix_exclusions_start").OnTable("exclusions").OnColumn("start_date").Descending();
    }

    public override void Down() => Delete.Table("exclusions");
}
