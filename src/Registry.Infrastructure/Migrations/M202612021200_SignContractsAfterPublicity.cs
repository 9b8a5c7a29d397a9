using FluentMigrator;

namespace Registry.Infrastructure.Migrations;

/// <summary>
/// A contract is signed after the result notice's publicity period, not at the award: the signing instant, and a demand may
/// hold an annulled contract (a result challenge upheld before signing) besides the one awarded again. Contracts awarded before
/// this were in force from their award, so they count as signed then. The demand flows count challenges, complaints and
/// annulled awards.
/// </summary>
[Migration(202612021200, "Contracts signed after the publicity period; challenge statistics")]
public sealed class M202612021200_SignContractsAfterPublicity : RegistryMigration
{
    private static readonly string[] FlowTables = ["stats_demand_month", "stats_demand_totals", "stats_demand_rollup"];
    private static readonly string[] FlowColumns = ["challenges_filed", "complaints_filed", "complaints_upheld", "awards_annulled"];

    public override void Up()
    {
        Alter.Table("contracts").AddColumn("signed_at").AsAlteredTimestamp(this).Nullable();
        Execute.Sql("update contracts set signed_at = awarded_at");
        // The demand's row decides a race between two awards; an annulled contract stays on record next to the new one.
        Delete.Index("ux_contracts_demand").OnTable("contracts");
        Create.Index("ix_contracts_demand").OnTable("contracts").OnColumn("demand_id").Ascending().OnColumn("status").Ascending();

        foreach (var table in FlowTables)
            foreach (var column in FlowColumns)
                Alter.Table(table).AddColumn(column).AsInt64().NotNullable().WithDefaultValue(0);
    }

    public override void Down()
    {
        foreach (var table in FlowTables)
            foreach (var column in FlowColumns)
                Delete.Column(column).FromTable(table);
        Delete.Index("ix_contracts_demand").OnTable("contracts");
        Create.Index("ux_contracts_demand").OnTable("contracts").OnColumn("demand_id").Ascending().WithOptions().Unique();
        Delete.Column("signed_at").FromTable("contracts");
    }
}
