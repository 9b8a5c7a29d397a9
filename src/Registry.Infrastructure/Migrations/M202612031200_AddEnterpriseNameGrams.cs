using System.Data;
using System.Text;
using Dapper;
using FluentMigrator;
using Registry.Application.Enterprises;

namespace Registry.Infrastructure.Migrations;

/// <summary>
/// The directory's name search (issue 20): <c>enterprise_name_grams</c> holds each enterprise's name grams
/// (<see cref="DirectoryNameGrams"/>), keyed by gram, so that a search by name tests only the names holding its rarest gram; and an
/// index on the credit code, so that a search by credit code is a key lookup; and a covering index by id for the candidates. Existing enterprises' grams are written here; the
/// enterprise projection and <c>seed-scale</c> write them from then on. On SQLite the table has no rowid: the key is the table.
/// </summary>
[Migration(202612031200, "Enterprise directory: name grams and the credit code index for the name search")]
public sealed class M202612031200_AddEnterpriseNameGrams : RegistryMigration
{
    public override void Up()
    {
        if (OnSqlite)
            Execute.Sql("""
                create table enterprise_name_grams (gram text not null, enterprise_id uniqueidentifier not null,
                    constraint pk_enterprise_name_grams primary key (gram, enterprise_id)) without rowid
                """);
        else
            Create.Table("enterprise_name_grams")
                .WithColumn("gram").AsString(2).NotNullable().PrimaryKey("pk_enterprise_name_grams")
                .WithColumn("enterprise_id").AsGuid().NotNullable().PrimaryKey("pk_enterprise_name_grams");
        Create.Index("ix_enterprise_directory_credit_code").OnTable("enterprise_directory").OnColumn("credit_code").Ascending();
        // The candidates of a gram are looked up by id: this index answers the name test, every filter and every sort key, so that
        // neither the count nor the page's order reads a wide directory row (about 170 bytes per enterprise).
        Create.Index("ix_enterprise_directory_by_id").OnTable("enterprise_directory").WithOptions().Unique()
            .OnColumn("enterprise_id").Ascending().OnColumn("legal_name").Ascending().OnColumn("credit_code").Ascending()
            .OnColumn("region_code").Ascending().OnColumn("base_id").Ascending().OnColumn("certificate_status").Ascending()
            .OnColumn("certificate_grade").Ascending().OnColumn("clearance").Ascending().OnColumn("capability_bits_lo").Ascending()
            .OnColumn("capability_bits_hi").Ascending().OnColumn("domain_bits").Ascending().OnColumn("designation_bits").Ascending()
            .OnColumn("annotators").Ascending().OnColumn("quality_blend").Ascending();
        Execute.WithConnection(Backfill);
        RefreshSqliteStatistics("enterprise_directory", "enterprise_name_grams");
    }

    /// <summary>Writes the grams of every directory row, in statements of <see cref="RowsPerStatement"/> rows.</summary>
    internal static void Backfill(IDbConnection connection, IDbTransaction? transaction)
    {
        var names = connection.Query<NameRow>("select enterprise_id, legal_name from enterprise_directory", transaction: transaction).AsList();
        var batch = new List<(string Gram, Guid Id)>(RowsPerStatement);
        foreach (var name in names)
        {
            foreach (var gram in DirectoryNameGrams.Of(name.LegalName))
            {
                batch.Add((gram, name.EnterpriseId));
                if (batch.Count == RowsPerStatement) InsertBatch(connection, transaction, batch);
            }
        }
        InsertBatch(connection, transaction, batch);
    }

    // 1,000 parameters a statement: under SQL Server's 2,100 and SQLite's 32,766.
    private const int RowsPerStatement = 500;

    private static void InsertBatch(IDbConnection connection, IDbTransaction? transaction, List<(string Gram, Guid Id)> batch)
    {
        if (batch.Count == 0) return;
        var sql = new StringBuilder("insert into enterprise_name_grams (gram, enterprise_id) values ");
        var parameters = new DynamicParameters();
        for (var i = 0; i < batch.Count; i++)
        {
            sql.Append(i == 0 ? "" : ", ").Append($"(@g{i}, @e{i})");
            parameters.Add($"g{i}", batch[i].Gram);
            parameters.Add($"e{i}", batch[i].Id);
        }
        connection.Execute(sql.ToString(), parameters, transaction);
        batch.Clear();
    }

    private sealed class NameRow
    {
        public Guid EnterpriseId { get; init; }
        public string LegalName { get; init; } = "";
    }

    public override void Down()
    {
        Delete.Index("ix_enterprise_directory_by_id").OnTable("enterprise_directory");
        Delete.Index("ix_enterprise_directory_credit_code").OnTable("enterprise_directory");
        Delete.Table("enterprise_name_grams");
    }
}
