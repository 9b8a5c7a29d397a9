using FluentMigrator;

namespace Registry.Infrastructure.Migrations;

/// <summary>Enterprise profiles, certification, designations, alerts, and the enterprise directory read model.</summary>
[Migration(202611231100, "Enterprises, certification, designations, alerts")]
public sealed class M202611231100_CreateEnterprises : RegistryMigration
{
    public override void Up()
    {
        Create.Table("enterprise_profiles")
            .WithColumn("organization_id").AsGuid().PrimaryKey().ForeignKey("fk_enterprise_profiles_organization", "organizations", "id")
            .WithColumn("legal_name").AsString(200).NotNullable()
            .WithColumn("credit_code").AsString(18).NotNullable().Unique("ux_enterprise_profiles_credit_code")
            .WithColumn("region_code").AsString(6).NotNullable().ForeignKey("fk_enterprise_profiles_region", "regions", "code")
            .WithColumn("address").AsString(300).NotNullable()
            .WithColumn("founded_on").AsDate().NotNullable()
            .WithColumn("contact_name").AsString(100).NotNullable()
            .WithColumn("contact_phone").AsString(40).NotNullable()
            .WithColumn("contact_email").AsString(200).NotNullable()
            .WithColumn("base_id").AsGuid().Nullable().ForeignKey("fk_enterprise_profiles_base", "bases", "id")
            .WithColumn("total_staff").AsInt32().NotNullable()
            .WithColumn("mlps_level").AsInt32().NotNullable()
            .WithColumn("iso27001").AsBoolean().NotNullable()
            .WithColumn("secure_facility").AsBoolean().NotNullable()
            .WithColumn("tools").AsString(4000).NotNullable()
            .WithColumn("row_version").AsInt64().NotNullable()
            .WithColumn("created_at").AsTimestamp(this).NotNullable()
            .WithColumn("updated_at").AsTimestamp(this).NotNullable();

        Create.Table("enterprise_capabilities")
            .WithColumn("enterprise_id").AsGuid().NotNullable().PrimaryKey("pk_enterprise_capabilities").ForeignKey("fk_enterprise_capabilities_enterprise", "enterprise_profiles", "organization_id")
            .WithColumn("modality").AsString(40).NotNullable().PrimaryKey("pk_enterprise_capabilities")
            .WithColumn("task_type").AsString(60).NotNullable().PrimaryKey("pk_enterprise_capabilities");
        Create.Index("ix_enterprise_capabilities_task").OnTable("enterprise_capabilities").OnColumn("task_type").Ascending().OnColumn("modality").Ascending();

        Create.Table("enterprise_domains")
            .WithColumn("enterprise_id").AsGuid().NotNullable().PrimaryKey("pk_enterprise_domains").ForeignKey("fk_enterprise_domains_enterprise", "enterprise_profiles", "organization_id")
            .WithColumn("domain_code").AsString(60).NotNullable().PrimaryKey("pk_enterprise_domains");
        Create.Index("ix_enterprise_domains_domain").OnTable("enterprise_domains").OnColumn("domain_code");

        Create.Table("enterprise_talent")
            .WithColumn("enterprise_id").AsGuid().NotNullable().PrimaryKey("pk_enterprise_talent").ForeignKey("fk_enterprise_talent_enterprise", "enterprise_profiles", "organization_id")
            .WithColumn("skill_level").AsString(20).NotNullable().PrimaryKey("pk_enterprise_talent")
            .WithColumn("annotators").AsInt32().NotNullable();

        Create.Table("certification_applications")
            .WithColumn("id").AsGuid().PrimaryKey()
            .WithColumn("enterprise_id").AsGuid().NotNullable().ForeignKey("fk_certification_applications_enterprise", "enterprise_profiles", "organization_id")
            .WithColumn("grade").AsInt32().NotNullable()
            .WithColumn("status").AsString(20).NotNullable()
            .WithColumn("evidence").AsString(int.MaxValue).NotNullable()
            .WithColumn("submitted_at").AsTimestamp(this).NotNullable()
            .WithColumn("reviewer_organization_id").AsGuid().Nullable()
            .WithColumn("decided_at").AsTimestamp(this).Nullable()
            .WithColumn("decision_reason").AsString(2000).Nullable()
            .WithColumn("certificate_id").AsGuid().Nullable()
            .WithColumn("row_version").AsInt64().NotNullable();
        Create.Index("ix_certification_applications_enterprise").OnTable("certification_applications").OnColumn("enterprise_id");
        Create.Index("ix_certification_applications_status").OnTable("certification_applications").OnColumn("status");

        Create.Table("certificates")
            .WithColumn("id").AsGuid().PrimaryKey()
            .WithColumn("number").AsString(40).NotNullable().Unique("ux_certificates_number")
            .WithColumn("enterprise_id").AsGuid().NotNullable().ForeignKey("fk_certificates_enterprise", "enterprise_profiles", "organization_id")
            .WithColumn("grade").AsInt32().NotNullable()
            .WithColumn("status").AsString(20).NotNullable()
            .WithColumn("issued_on").AsDate().NotNullable()
            .WithColumn("expires_on").AsDate().NotNullable()
            .WithColumn("status_reason").AsString(2000).Nullable()
            .WithColumn("issued_by_organization_id").AsGuid().NotNullable()
            .WithColumn("row_version").AsInt64().NotNullable()
            .WithColumn("updated_at").AsTimestamp(this).NotNullable();
        Create.Index("ix_certificates_enterprise").OnTable("certificates").OnColumn("enterprise_id");
        Create.Index("ix_certificates_status_expiry").OnTable("certificates").OnColumn("status").Ascending().OnColumn("expires_on").Ascending();

        Create.Table("enterprise_designations")
            .WithColumn("id").AsGuid().PrimaryKey()
            .WithColumn("enterprise_id").AsGuid().NotNullable().ForeignKey("fk_enterprise_designations_enterprise", "enterprise_profiles", "organization_id")
            .WithColumn("designation").AsString(20).NotNullable()
            .WithColumn("granted_on").AsDate().NotNullable()
            .WithColumn("grant_reason").AsString(2000).NotNullable()
            .WithColumn("granted_by_organization_id").AsGuid().NotNullable()
            .WithColumn("withdrawn_on").AsDate().Nullable()
            .WithColumn("withdrawal_reason").AsString(2000).Nullable();
        Create.Index("ix_enterprise_designations_enterprise").OnTable("enterprise_designations").OnColumn("enterprise_id");

        Create.Table("alerts")
            .WithColumn("id").AsGuid().PrimaryKey()
            .WithColumn("type").AsString(40).NotNullable()
            .WithColumn("dedupe_key").AsString(200).NotNullable().Unique("ux_alerts_dedupe_key")
            .WithColumn("region_code").AsString(6).NotNullable()
            .WithColumn("entity_type").AsString(50).NotNullable()
            .WithColumn("entity_id").AsString(100).NotNullable()
            .WithColumn("message").AsString(1000).NotNullable()
            .WithColumn("status").AsString(20).NotNullable()
            .WithColumn("raised_at").AsTimestamp(this).NotNullable();
        Create.Index("ix_alerts_region").OnTable("alerts").OnColumn("region_code");

        Create.Table("enterprise_directory")
            .WithColumn("enterprise_id").AsGuid().PrimaryKey()
            .WithColumn("legal_name").AsString(200).NotNullable()
            .WithColumn("credit_code").AsString(18).NotNullable()
            .WithColumn("region_code").AsString(6).NotNullable()
            .WithColumn("region_name_zh").AsString(100).NotNullable()
            .WithColumn("province_code").AsString(6).NotNullable()
            .WithColumn("base_id").AsGuid().Nullable()
            .WithColumn("base_name_zh").AsString(100).Nullable()
            .WithColumn("total_staff").AsInt32().NotNullable()
            .WithColumn("annotators").AsInt32().NotNullable()
            .WithColumn("senior_annotators").AsInt32().NotNullable()
            .WithColumn("mlps_level").AsInt32().NotNullable()
            .WithColumn("iso27001").AsBoolean().NotNullable()
            .WithColumn("secure_facility").AsBoolean().NotNullable()
            .WithColumn("clearance").AsString(20).Nullable()
            .WithColumn("certificate_id").AsGuid().Nullable()
            .WithColumn("certificate_number").AsString(40).Nullable()
            .WithColumn("certificate_grade").AsInt32().Nullable()
            .WithColumn("certificate_status").AsString(20).Nullable()
            .WithColumn("certificate_expires_on").AsDate().Nullable()
            .WithColumn("designations").AsString(200).NotNullable()
            .WithColumn("capabilities").AsString(4000).NotNullable()
            .WithColumn("domains").AsString(1000).NotNullable()
            .WithColumn("quality_accepted_count").AsInt32().NotNullable()
            .WithColumn("quality_mean_accuracy").AsDecimal(6, 4).Nullable()
            .WithColumn("version").AsInt64().NotNullable()
            .WithColumn("updated_at").AsTimestamp(this).NotNullable();
        Create.Index("ix_enterprise_directory_region").OnTable("enterprise_directory").OnColumn("region_code");
        Create.Index("ix_enterprise_directory_province").OnTable("enterprise_directory").OnColumn("province_code");
        Create.Index("ix_enterprise_directory_base").OnTable("enterprise_directory").OnColumn("base_id");
        Create.Index("ix_enterprise_directory_name").OnTable("enterprise_directory").OnColumn("legal_name");
    }

    public override void Down()
    {
        foreach (var table in new[] { "enterprise_directory", "alerts", "enterprise_designations", "certificates", "certification_applications",
                     "enterprise_talent", "enterprise_domains", "enterprise_capabilities", "enterprise_profiles" })
            Delete.Table(table);
    }
}
