using FluentMigrator;

namespace Registry.Infrastructure.Migrations;

/// <summary>The read tables of the <c>region-activity</c> projection: monthly flows per region, enterprises and certificates as they stand.</summary>
[Migration(202612012010, "Statistics: region activity read tables")]
public sealed class M202612012010_CreateRegionActivity : RegistryMigration
{
    public override void Up()
    {
        Create.Table("stats_region_month")
            .WithColumn("region_code").AsString(6).NotNullable().PrimaryKey("pk_stats_region_month")
            .WithColumn("month").AsString(7).NotNullable().PrimaryKey("pk_stats_region_month")
            .WithColumn("demands_published").AsInt64().NotNullable()
            .WithColumn("demands_awarded").AsInt64().NotNullable()
            .WithColumn("awarded_value").AsDecimal(18, 2).NotNullable()
            .WithColumn("enterprises_registered").AsInt64().NotNullable()
            .WithColumn("certificates_issued").AsInt64().NotNullable();

        Create.Table("stats_enterprises")
            .WithColumn("enterprise_id").AsGuid().PrimaryKey()
            .WithColumn("region_code").AsString(6).NotNullable()
            .WithColumn("registered_month").AsString(7).NotNullable();
        Create.Index("ix_stats_enterprises_region").OnTable("stats_enterprises").OnColumn("region_code");

        Create.Table("stats_certificates")
            .WithColumn("certificate_id").AsGuid().PrimaryKey()
            .WithColumn("enterprise_id").AsGuid().NotNullable()
            .WithColumn("region_code").AsString(6).NotNullable()
            .WithColumn("grade").AsInt32().NotNullable()
            .WithColumn("status").AsString(20).NotNullable()
            .WithColumn("issued_month").AsString(7).NotNullable();
        Create.Index("ix_stats_certificates_region_status").OnTable("stats_certificates").OnColumn("region_code").Ascending().OnColumn("status").Ascending();
        Create.Index("ix_stats_certificates_enterprise").OnTable("stats_certificates").OnColumn("enterprise_id");
    }

    public override void Down()
    {
        Delete.Table("stats_certificates");
        Delete.Table("stats_enterprises");
        Delete.Table("stats_region_month");
    }
}
