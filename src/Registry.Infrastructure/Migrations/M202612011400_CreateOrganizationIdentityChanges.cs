using FluentMigrator;

namespace Registry.Infrastructure.Migrations;

/// <summary>The history of organizations' identity changes (name, credit code, region): old and new values, reason, who and when.</summary>
[Migration(202612011400, "Organization identity changes")]
public sealed class M202612011400_CreateOrganizationIdentityChanges : RegistryMigration
{
    public override void Up()
    {
        Create.Table("organization_identity_changes")
            .WithColumn("id").AsGuid().PrimaryKey()
            .WithColumn("organization_id").AsGuid().NotNullable().ForeignKey("fk_organization_identity_changes_organization", "organizations", "id")
            .WithColumn("old_name_zh").AsString(100).NotNullable()
            .WithColumn("new_name_zh").AsString(100).NotNullable()
            .WithColumn("old_credit_code").AsString(18).NotNullable()
            .WithColumn("new_credit_code").AsString(18).NotNullable()
            .WithColumn("old_region_code").AsString(6).NotNullable()
            .WithColumn("new_region_code").AsString(6).NotNullable()
            .WithColumn("reason").AsString(2000).NotNullable()
            .WithColumn("changed_by_organization_id").AsGuid().Nullable()
            .WithColumn("changed_by_subject").AsString(200).NotNullable()
            .WithColumn("changed_at").AsTimestamp(this).NotNullable();
        Create.Index("ix_organization_identity_changes_organization").OnTable("organization_identity_changes")
            .OnColumn("organization_id").Ascending().OnColumn("changed_at").Ascending();
    }

    public override void Down() => Delete.Table("organization_identity_changes");
}
