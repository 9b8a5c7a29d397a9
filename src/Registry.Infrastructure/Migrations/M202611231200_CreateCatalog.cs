using FluentMigrator;
using Registry.Infrastructure.Database;

namespace Registry.Infrastructure.Migrations;

/// <summary>The public data labeling directory: entries, their versions, and the searchable read model.</summary>
[Migration(202611231200, TransactionBehavior.None, "Catalog: entries, versions, directory, full-text search")]
public sealed class M202611231200_CreateCatalog : RegistryMigration
{
    public override void Up()
    {
        Create.Table("catalog_entries")
            .WithColumn("id").AsGuid().PrimaryKey()
            .WithColumn("agency_id").AsGuid().NotNullable().ForeignKey("fk_catalog_entries_agency", "organizations", "id")
            .WithColumn("code").AsString(60).NotNullable()
            .WithColumn("status").AsString(20).NotNullable()
            .WithColumn("draft_version").AsInt32().Nullable()
            .WithColumn("published_version").AsInt32().Nullable()
            .WithColumn("latest_version").AsInt32().NotNullable()
            .WithColumn("withdrawn_reason").AsString(2000).Nullable()
            .WithColumn("row_version").AsInt64().NotNullable()
            .WithColumn("created_at").AsTimestamp(this).NotNullable()
            .WithColumn("updated_at").AsTimestamp(this).NotNullable();
        Create.Index("ux_catalog_entries_agency_code").OnTable("catalog_entries").OnColumn("agency_id").Ascending().OnColumn("code").Ascending()
            .WithOptions().Unique();

        Create.Table("catalog_entry_versions")
            .WithColumn("entry_id").AsGuid().NotNullable().PrimaryKey("pk_catalog_entry_versions").ForeignKey("fk_catalog_entry_versions_entry", "catalog_entries", "id")
            .WithColumn("version").AsInt32().NotNullable().PrimaryKey("pk_catalog_entry_versions")
            .WithColumn("title").AsString(200).NotNullable()
            .WithColumn("description").AsString(4000).NotNullable()
            .WithColumn("domain").AsString(60).NotNullable()
            .WithColumn("modalities").AsString(200).NotNullable()
            .WithColumn("task_types").AsString(500).NotNullable()
            .WithColumn("volume").AsDecimal(18, 2).NotNullable()
            .WithColumn("volume_unit").AsString(20).NotNullable()
            .WithColumn("security_level").AsString(20).NotNullable()
            .WithColumn("openness").AsString(20).NotNullable()
            .WithColumn("openness_conditions").AsString(2000).Nullable()
            .WithColumn("region_code").AsString(6).NotNullable().ForeignKey("fk_catalog_entry_versions_region", "regions", "code")
            .WithColumn("source_system").AsString(200).NotNullable()
            .WithColumn("update_frequency").AsString(20).NotNullable()
            .WithColumn("contact").AsString(200).NotNullable()
            .WithColumn("published_at").AsTimestamp(this).Nullable()
            .WithColumn("created_at").AsTimestamp(this).NotNullable();

        Create.Table("catalog_directory")
            .WithColumn("entry_id").AsGuid().PrimaryKey()
            .WithColumn("agency_id").AsGuid().NotNullable()
            .WithColumn("agency_name_zh").AsString(100).NotNullable()
            .WithColumn("code").AsString(60).NotNullable()
            .WithColumn("version").AsInt32().NotNullable()
            .WithColumn("title").AsString(200).NotNullable()
            .WithColumn("description").AsString(4000).NotNullable()
            .WithColumn("domain").AsString(60).NotNullable()
            .WithColumn("modalities").AsString(200).NotNullable()
            .WithColumn("task_types").AsString(500).NotNullable()
            .WithColumn("volume").AsDecimal(18, 2).NotNullable()
            .WithColumn("volume_unit").AsString(20).NotNullable()
            .WithColumn("security_level").AsString(20).NotNullable()
            .WithColumn("openness").AsString(20).NotNullable()
            .WithColumn("region_code").AsString(6).NotNullable()
            .WithColumn("province_code").AsString(6).NotNullable()
            .WithColumn("published_at").AsTimestamp(this).NotNullable()
            .WithColumn("terms").AsString(int.MaxValue).NotNullable();
        foreach (var column in new[] { "domain", "security_level", "openness", "region_code", "province_code", "agency_id" })
            Create.Index($"ix_catalog_directory_{column}").OnTable("catalog_directory").OnColumn(column);

        Create.Table("catalog_directory_modalities")
            .WithColumn("entry_id").AsGuid().NotNullable().PrimaryKey("pk_catalog_directory_modalities")
            .WithColumn("modality").AsString(40).NotNullable().PrimaryKey("pk_catalog_directory_modalities");
        Create.Index("ix_catalog_directory_modalities_modality").OnTable("catalog_directory_modalities").OnColumn("modality").Ascending().OnColumn("entry_id").Ascending();
        Create.Table("catalog_directory_task_types")
            .WithColumn("entry_id").AsGuid().NotNullable().PrimaryKey("pk_catalog_directory_task_types")
            .WithColumn("task_type").AsString(60).NotNullable().PrimaryKey("pk_catalog_directory_task_types");
        Create.Index("ix_catalog_directory_task_types_task").OnTable("catalog_directory_task_types").OnColumn("task_type").Ascending().OnColumn("entry_id").Ascending();

        // Full-text search over the terms (Chinese bigrams and words, see SearchTerms), by each engine's own means.
        switch (Provider)
        {
            case DatabaseProvider.Sqlite:
                Execute.Sql("create virtual table catalog_search using fts5(key unindexed, terms, tokenize = 'unicode61')");
                break;
            case DatabaseProvider.PostgreSql:
                Execute.Sql("create index ix_catalog_directory_terms on catalog_directory using gin (to_tsvector('simple', terms))");
                break;
            case DatabaseProvider.SqlServer:
                Execute.Sql("create fulltext catalog registry_catalog");
                Execute.Sql("create fulltext index on dbo.catalog_directory (terms language 0) key index PK_catalog_directory on registry_catalog with change_tracking auto");
                break;
        }
    }

    public override void Down()
    {
        if (Provider == DatabaseProvider.Sqlite) Execute.Sql("drop table catalog_search");
        foreach (var table in new[] { "catalog_directory_task_types", "catalog_directory_modalities", "catalog_directory", "catalog_entry_versions", "catalog_entries" })
            Delete.Table(table);
    }
}
