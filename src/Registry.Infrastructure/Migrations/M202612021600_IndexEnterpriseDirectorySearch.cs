using FluentMigrator;
using Registry.Infrastructure.Database;

namespace Registry.Infrastructure.Migrations;

/// <summary>
/// The enterprise directory at national scale (docs/performance.md, enterprise directory search, issue 20): the search writes
/// only the filters it was sent, and these indexes let each of them start the count and the page, or be counted without visiting
/// the wide directory rows. The capability, domain and designation lookups hold the enterprise id, so the set of matching
/// enterprises is read from the index alone (before, each capability or domain row was visited for its enterprise id, and a
/// modality or designation filter read the whole table). The sorts by capacity and grade walk an index instead of sorting every
/// match; the name index is in the page's order (name, then id) and carries the credit code, which the name search reads on every
/// row; a region's count reads the other filters' columns from one index.
/// </summary>
[Migration(202612021600, "Enterprise directory: indexes for every search filter and sort")]
public sealed class M202612021600_IndexEnterpriseDirectorySearch : RegistryMigration
{
    public override void Up()
    {
        Delete.Index("ix_enterprise_capabilities_task").OnTable("enterprise_capabilities");
        Create.Index("ix_enterprise_capabilities_task").OnTable("enterprise_capabilities")
            .OnColumn("task_type").Ascending().OnColumn("modality").Ascending().OnColumn("enterprise_id").Ascending();
        Create.Index("ix_enterprise_capabilities_modality").OnTable("enterprise_capabilities")
            .OnColumn("modality").Ascending().OnColumn("task_type").Ascending().OnColumn("enterprise_id").Ascending();

        Delete.Index("ix_enterprise_domains_domain").OnTable("enterprise_domains");
        Create.Index("ix_enterprise_domains_domain").OnTable("enterprise_domains")
            .OnColumn("domain_code").Ascending().OnColumn("enterprise_id").Ascending();

        Create.Index("ix_enterprise_designations_designation").OnTable("enterprise_designations")
            .OnColumn("designation").Ascending().OnColumn("withdrawn_on").Ascending().OnColumn("enterprise_id").Ascending();

        Delete.Index("ix_enterprise_directory_name").OnTable("enterprise_directory");
        Create.Index("ix_enterprise_directory_name").OnTable("enterprise_directory")
            .OnColumn("legal_name").Ascending().OnColumn("enterprise_id").Ascending().OnColumn("credit_code").Ascending();
        Create.Index("ix_enterprise_directory_filters").OnTable("enterprise_directory")
            .OnColumn("region_code").Ascending().OnColumn("certificate_status").Ascending().OnColumn("certificate_grade").Ascending()
            .OnColumn("clearance").Ascending().OnColumn("base_id").Ascending().OnColumn("enterprise_id").Ascending();
        // In the name order within a status, with what the grade and name filters read: a page of active or uncertified
        // enterprises walks it without sorting, and their count reads it alone.
        Create.Index("ix_enterprise_directory_certificate").OnTable("enterprise_directory")
            .OnColumn("certificate_status").Ascending().OnColumn("legal_name").Ascending().OnColumn("enterprise_id").Ascending()
            .OnColumn("certificate_grade").Ascending().OnColumn("credit_code").Ascending();
        Create.Index("ix_enterprise_directory_clearance").OnTable("enterprise_directory").OnColumn("clearance").Ascending();
        Create.Index("ix_enterprise_directory_capacity").OnTable("enterprise_directory")
            .OnColumn("annotators").Descending().OnColumn("legal_name").Ascending().OnColumn("enterprise_id").Ascending();
        // The grade order is on an expression (no certificate sorts as grade 0); SQL Server indexes no expression without a computed
        // column, so there the sort stays a sort.
        if (Provider != DatabaseProvider.SqlServer)
            Execute.Sql("""
                create index ix_enterprise_directory_grade
                on enterprise_directory (coalesce(certificate_grade, 0) desc, legal_name, enterprise_id)
                """);
        RefreshSqliteStatistics("enterprise_directory", "enterprise_capabilities", "enterprise_domains", "enterprise_designations");
    }

    public override void Down()
    {
        if (Provider != DatabaseProvider.SqlServer) Execute.Sql("drop index ix_enterprise_directory_grade");
        Delete.Index("ix_enterprise_directory_capacity").OnTable("enterprise_directory");
        Delete.Index("ix_enterprise_directory_clearance").OnTable("enterprise_directory");
        Delete.Index("ix_enterprise_directory_filters").OnTable("enterprise_directory");
        Delete.Index("ix_enterprise_directory_certificate").OnTable("enterprise_directory");
        Delete.Index("ix_enterprise_directory_name").OnTable("enterprise_directory");
        Create.Index("ix_enterprise_directory_name").OnTable("enterprise_directory").OnColumn("legal_name");
        Delete.Index("ix_enterprise_designations_designation").OnTable("enterprise_designations");
        Delete.Index("ix_enterprise_domains_domain").OnTable("enterprise_domains");
        Create.Index("ix_enterprise_domains_domain").OnTable("enterprise_domains").OnColumn("domain_code");
        Delete.Index("ix_enterprise_capabilities_modality").OnTable("enterprise_capabilities");
        Delete.Index("ix_enterprise_capabilities_task").OnTable("enterprise_capabilities");
        Create.Index("ix_enterprise_capabilities_task").OnTable("enterprise_capabilities").OnColumn("task_type").Ascending().OnColumn("modality").Ascending();
    }
}
