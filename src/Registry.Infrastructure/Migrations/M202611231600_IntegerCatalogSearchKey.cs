using FluentMigrator;

namespace Registry.Infrastructure.Migrations;

/// <summary>
/// SQLite only (docs/performance.md, catalog search, suggestion 3): the FTS5 table <c>catalog_search</c> is keyed by an integer,
/// <c>catalog_directory.search_rowid</c>, as its rowid, instead of a text <c>key</c> column, so that a match yields the
/// directory rows' ids without reading the FTS5 content, and finds each row through an integer index (which also covers the
/// filtered columns, for the grouped count). The directory's own rowid is not used: it is not kept by <c>VACUUM</c> and
/// changes when the projection deletes and inserts a row. The FTS5 table is rebuilt from the directory's terms.
/// PostgreSQL and SQL Server search the directory's terms directly and are not changed.
/// </summary>
[Migration(202611231600, "Catalog search on SQLite: FTS5 rowid is an integer key of catalog_directory")]
public sealed class M202611231600_IntegerCatalogSearchKey : RegistryMigration
{
    private const string SearchIndexColumns = "search_rowid, domain, security_level, openness, region_code, province_code, agency_id";

    public override void Up()
    {
        if (!OnSqlite) return;
        Execute.Sql("alter table catalog_directory add column search_rowid integer");
        Execute.Sql("update catalog_directory set search_rowid = rowid");
        Execute.Sql($"create index ix_catalog_directory_search_rowid on catalog_directory ({SearchIndexColumns})");
        Execute.Sql("drop table catalog_search");
        Execute.Sql("create virtual table catalog_search using fts5(terms, tokenize = 'unicode61')");
        Execute.Sql("insert into catalog_search (rowid, terms) select search_rowid, terms from catalog_directory");
    }

    public override void Down()
    {
        if (!OnSqlite) return;
        Execute.Sql("drop table catalog_search");
        Execute.Sql("create virtual table catalog_search using fts5(key unindexed, terms, tokenize = 'unicode61')");
        Execute.Sql("insert into catalog_search (key, terms) select entry_id, terms from catalog_directory");
        Execute.Sql("drop index ix_catalog_directory_search_rowid");
        Execute.Sql("alter table catalog_directory drop column search_rowid");
    }
}
