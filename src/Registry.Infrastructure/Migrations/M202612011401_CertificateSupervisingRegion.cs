using FluentMigrator;

namespace Registry.Infrastructure.Migrations;

/// <summary>
/// A certificate stays under the supervision of the jurisdiction that issued it until it is reissued: the region is kept on
/// the certificate, set at approval from the enterprise's region then. Existing certificates take the enterprise's region.
/// SQLite cannot make an added column NOT NULL; there the handlers always set it.
/// </summary>
[Migration(202612011401, "Certificates keep their supervising region")]
public sealed class M202612011401_CertificateSupervisingRegion : RegistryMigration
{
    public override void Up()
    {
        Alter.Table("certificates").AddColumn("supervising_region_code").AsString(6).Nullable();
        Execute.Sql("""
            update certificates set supervising_region_code =
                (select p.region_code from enterprise_profiles p where p.organization_id = certificates.enterprise_id)
            """);
        if (!OnSqlite) Alter.Column("supervising_region_code").OnTable("certificates").AsString(6).NotNullable();
    }

    public override void Down() => Delete.Column("supervising_region_code").FromTable("certificates");
}
