using FluentMigrator;
using Registry.Application.Enterprises;

namespace Registry.Infrastructure.Migrations;

/// <summary>
/// The enterprise directory row carries its capabilities (modality × task type pairs), domains and active designations as integer
/// bit sets (<see cref="DirectoryBits"/>; docs/performance.md, enterprise directory search, issue 20), so that every list filter of
/// the search is a bit test read from one narrow index instead of a set of text keys built from the list tables. Existing rows are
/// filled from their list rows on every provider; the projection and <c>seed-scale</c> write them from then on. The indexes of the
/// list tables stay: the detail and the matching read them.
/// </summary>
[Migration(202612031000, "Enterprise directory: capabilities, domains and designations as bit sets")]
public sealed class M202612031000_AddDirectoryBitSets : RegistryMigration
{
    private static readonly string[] BitColumns = ["capability_bits_lo", "capability_bits_hi", "domain_bits", "designation_bits"];

    public override void Up()
    {
        foreach (var column in BitColumns)
            Alter.Table("enterprise_directory").AddColumn(column).AsInt64().NotNullable().WithDefaultValue(0);
        Execute.Sql($"""
            update enterprise_directory set
                capability_bits_lo = {DirectoryBits.CapabilityBitsSql("enterprise_directory", hi: false)},
                capability_bits_hi = {DirectoryBits.CapabilityBitsSql("enterprise_directory", hi: true)},
                domain_bits = {DirectoryBits.DomainBitsSql("enterprise_directory")},
                designation_bits = {DirectoryBits.DesignationBitsSql("enterprise_directory")}
            """);
        // A count of list filters (with a certificate or clearance) reads this index alone: about 30 bytes per enterprise.
        Create.Index("ix_enterprise_directory_bits").OnTable("enterprise_directory")
            .OnColumn("capability_bits_lo").Ascending().OnColumn("capability_bits_hi").Ascending().OnColumn("domain_bits").Ascending()
            .OnColumn("designation_bits").Ascending().OnColumn("clearance").Ascending().OnColumn("certificate_status").Ascending()
            .OnColumn("certificate_grade").Ascending();
        // The name order and a region's filters carry the bits too: a page in name order tests the filters in the index and
        // reads only the rows it shows (a page of 420 matches walked 4,800 wide rows before), and a region's count reads one index.
        Delete.Index("ix_enterprise_directory_name").OnTable("enterprise_directory");
        Create.Index("ix_enterprise_directory_name").OnTable("enterprise_directory")
            .OnColumn("legal_name").Ascending().OnColumn("enterprise_id").Ascending().OnColumn("credit_code").Ascending()
            .OnColumn("capability_bits_lo").Ascending().OnColumn("capability_bits_hi").Ascending().OnColumn("domain_bits").Ascending()
            .OnColumn("designation_bits").Ascending().OnColumn("clearance").Ascending().OnColumn("certificate_status").Ascending()
            .OnColumn("certificate_grade").Ascending();
        Delete.Index("ix_enterprise_directory_filters").OnTable("enterprise_directory");
        Create.Index("ix_enterprise_directory_filters").OnTable("enterprise_directory")
            .OnColumn("region_code").Ascending().OnColumn("certificate_status").Ascending().OnColumn("certificate_grade").Ascending()
            .OnColumn("clearance").Ascending().OnColumn("base_id").Ascending().OnColumn("capability_bits_lo").Ascending()
            .OnColumn("capability_bits_hi").Ascending().OnColumn("domain_bits").Ascending().OnColumn("designation_bits").Ascending()
            .OnColumn("enterprise_id").Ascending();
        RefreshSqliteStatistics("enterprise_directory");
    }

    public override void Down()
    {
        Delete.Index("ix_enterprise_directory_filters").OnTable("enterprise_directory");
        Create.Index("ix_enterprise_directory_filters").OnTable("enterprise_directory")
            .OnColumn("region_code").Ascending().OnColumn("certificate_status").Ascending().OnColumn("certificate_grade").Ascending()
            .OnColumn("clearance").Ascending().OnColumn("base_id").Ascending().OnColumn("enterprise_id").Ascending();
        Delete.Index("ix_enterprise_directory_name").OnTable("enterprise_directory");
        Create.Index("ix_enterprise_directory_name").OnTable("enterprise_directory")
            .OnColumn("legal_name").Ascending().OnColumn("enterprise_id").Ascending().OnColumn("credit_code").Ascending();
        Delete.Index("ix_enterprise_directory_bits").OnTable("enterprise_directory");
        foreach (var column in BitColumns) Delete.Column(column).FromTable("enterprise_directory");
    }
}
