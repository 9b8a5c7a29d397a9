using FluentMigrator;

namespace Registry.Infrastructure.Migrations;

/// <summary>
/// Withdrawn access: an organization, person or API client deactivated at a time; every API instance re-reads the recent
/// rows every few seconds and refuses the subject's access tokens issued until then (docs/access.md, withdrawal).
/// </summary>
[Migration(202612011420, "Access: withdrawn_access")]
public sealed class M202612011420_CreateWithdrawnAccess : RegistryMigration
{
    public override void Up()
    {
        Create.Table("withdrawn_access")
            .WithColumn("kind").AsString(20).NotNullable().PrimaryKey("pk_withdrawn_access")
            .WithColumn("subject").AsString(100).NotNullable().PrimaryKey("pk_withdrawn_access")
            .WithColumn("withdrawn_at").AsTimestamp(this).NotNullable();
        Create.Index("ix_withdrawn_access_withdrawn_at").OnTable("withdrawn_access").OnColumn("withdrawn_at");
    }

    public override void Down() => Delete.Table("withdrawn_access");
}
