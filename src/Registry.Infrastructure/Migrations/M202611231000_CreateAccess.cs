using FluentMigrator;

namespace Registry.Infrastructure.Migrations;

/// <summary>Organizations, people, API clients, shared Data Protection keys; the nation as the root region.</summary>
[Migration(202611231000, "Access: organizations, users, API clients, data protection keys")]
public sealed class M202611231000_CreateAccess : RegistryMigration
{
    public override void Up()
    {
        // The national regulator's jurisdiction; provinces hang below it so "parent=000000" lists them.
        Insert.IntoTable("regions").Row(new { code = "000000", name_zh = "全国", name_en = "National", level = "national", parent_code = (string?)null });
        Update.Table("regions").Set(new { parent_code = "000000" }).Where(new { level = "province" });

        Create.Table("organizations")
            .WithColumn("id").AsGuid().PrimaryKey()
            .WithColumn("name_zh").AsString(100).NotNullable()
            .WithColumn("name_en").AsString(200).Nullable()
            .WithColumn("kind").AsString(20).NotNullable()
            .WithColumn("region_code").AsString(6).NotNullable().ForeignKey("fk_organizations_region", "regions", "code")
            .WithColumn("credit_code").AsString(18).NotNullable().Unique("ux_organizations_credit_code")
            .WithColumn("contact_email").AsString(200).Nullable()
            .WithColumn("active").AsBoolean().NotNullable()
            .WithColumn("row_version").AsInt64().NotNullable()
            .WithColumn("created_at").AsTimestamp(this).NotNullable()
            .WithColumn("updated_at").AsTimestamp(this).NotNullable();
        Create.Index("ix_organizations_region").OnTable("organizations").OnColumn("region_code");
        Create.Index("ix_organizations_kind").OnTable("organizations").OnColumn("kind");

        Create.Table("users")
            .WithColumn("id").AsGuid().PrimaryKey()
            .WithColumn("organization_id").AsGuid().NotNullable().ForeignKey("fk_users_organization", "organizations", "id")
            .WithColumn("username").AsString(64).NotNullable().Unique("ux_users_username")
            .WithColumn("display_name").AsString(100).NotNullable()
            .WithColumn("password_hash").AsString(500).NotNullable()
            .WithColumn("must_change_password").AsBoolean().NotNullable()
            .WithColumn("failed_attempts").AsInt32().NotNullable()
            .WithColumn("locked_until").AsTimestamp(this).Nullable()
            .WithColumn("active").AsBoolean().NotNullable()
            .WithColumn("row_version").AsInt64().NotNullable()
            .WithColumn("created_at").AsTimestamp(this).NotNullable()
            .WithColumn("updated_at").AsTimestamp(this).NotNullable()
            .WithColumn("last_sign_in_at").AsTimestamp(this).Nullable();
        Create.Index("ix_users_organization").OnTable("users").OnColumn("organization_id");

        Create.Table("api_clients")
            .WithColumn("client_id").AsString(100).PrimaryKey()
            .WithColumn("organization_id").AsGuid().NotNullable().ForeignKey("fk_api_clients_organization", "organizations", "id")
            .WithColumn("display_name").AsString(100).NotNullable()
            .WithColumn("active").AsBoolean().NotNullable()
            .WithColumn("created_at").AsTimestamp(this).NotNullable();
        Create.Index("ix_api_clients_organization").OnTable("api_clients").OnColumn("organization_id");

        Create.Table("data_protection_keys")
            .WithColumn("friendly_name").AsString(200).PrimaryKey()
            .WithColumn("xml").AsString(int.MaxValue).NotNullable()
            .WithColumn("created_at").AsTimestamp(this).NotNullable();

        Alter.Table("base_directory").AddColumn("version").AsInt64().NotNullable().WithDefaultValue(1);
    }

    public override void Down()
    {
        Delete.Column("version").FromTable("base_directory");
        Delete.Table("data_protection_keys");
        Delete.Table("api_clients");
        Delete.Table("users");
        Delete.Table("organizations");
        Update.Table("regions").Set(new { parent_code = (string?)null }).Where(new { level = "province" });
        Delete.FromTable("regions").Row(new { code = "000000" });
    }
}
