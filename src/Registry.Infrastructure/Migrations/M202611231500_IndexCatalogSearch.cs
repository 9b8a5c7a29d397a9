using FluentMigrator;

namespace Registry.Infrastructure.Migrations;

/// <summary>
/// Indexes for the catalog search (docs/performance.md): the default order, so that a page reads its rows in order instead
/// of sorting every match; and two covering indexes over the filtered columns, so that the total and the domain and
/// security level facets are counted from an index rather than from the wide directory rows: one read in facet order
/// (scans and filters on the directory columns), one by entry id (the entries found by the full-text or child-table filters).
/// </summary>
[Migration(202611231500, "Catalog search: indexes for the default order and the facets")]
public sealed class M202611231500_IndexCatalogSearch : RegistryMigration
{
    private static readonly string[] FilterColumns = ["openness", "region_code", "province_code", "agency_id"];

    public override void Up()
    {
        Create.Index("ix_catalog_directory_published_at").OnTable("catalog_directory")
            .OnColumn("published_at").Descending().OnColumn("entry_id").Ascending();

        var byFacet = Create.Index("ix_catalog_directory_facets").OnTable("catalog_directory")
            .OnColumn("domain").Ascending().OnColumn("security_level").Ascending();
        foreach (var column in FilterColumns) byFacet = byFacet.OnColumn(column).Ascending();
        byFacet.OnColumn("entry_id").Ascending();

        var byEntry = Create.Index("ix_catalog_directory_entry_facets").OnTable("catalog_directory")
            .OnColumn("entry_id").Ascending().OnColumn("domain").Ascending().OnColumn("security_level").Ascending();
        foreach (var column in FilterColumns) byEntry = byEntry.OnColumn(column).Ascending();
    }

    public override void Down()
    {
        foreach (var index in new[] { "ix_catalog_directory_entry_facets", "ix_catalog_directory_facets", "ix_catalog_directory_published_at" })
            Delete.Index(index).OnTable("catalog_directory");
    }
}
