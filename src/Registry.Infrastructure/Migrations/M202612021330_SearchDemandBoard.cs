using System.Data;
using Dapper;
using FluentMigrator;
using Registry.Application.Common;
using Registry.Application.Demands;
using Registry.Infrastructure.Database;

namespace Registry.Infrastructure.Migrations;

/// <summary>
/// Keyword search on the demand board: a published demand keeps its search terms (<see cref="DemandSearchIndex"/>: number, title
/// and description as Chinese bigrams and words), indexed the way the catalog's are: an FTS5 table keyed by an integer
/// <c>search_rowid</c> on SQLite, a GIN index over <c>to_tsvector('simple', terms)</c> on PostgreSQL, a full-text index on SQL
/// Server. Existing published demands are indexed here; publication and amendments keep them current.
/// </summary>
[Migration(202612021330, TransactionBehavior.None, "Demand board: keyword search over title and description")]
public sealed class M202612021330_SearchDemandBoard : RegistryMigration
{
    public override void Up()
    {
        Alter.Table("demands").AddColumn("terms").AsString(int.MaxValue).NotNullable().WithDefaultValue("");
        switch (Provider)
        {
            case DatabaseProvider.Sqlite:
                Execute.Sql("alter table demands add column search_rowid integer");
                Execute.Sql("create index ix_demands_search_rowid on demands (search_rowid, status)");
                Execute.Sql("create virtual table demand_search using fts5(terms, tokenize = 'unicode61')");
                break;
            case DatabaseProvider.PostgreSql:
                Execute.Sql("create index ix_demands_terms on demands using gin (to_tsvector('simple', terms))");
                break;
            case DatabaseProvider.SqlServer:
                Execute.Sql("create fulltext index on dbo.demands (terms language 0) key index PK_demands on registry_catalog with change_tracking auto");
                break;
        }
        Execute.WithConnection(Backfill);
    }

    private static void Backfill(IDbConnection connection, IDbTransaction transaction)
    {
        var dialect = Dialects.Of(connection);
        var write = new Sql(d => d.FullTextIndexWrite("demand_search", "demands", "id", "search_rowid"));
        foreach (var demand in connection.Query<DemandSearchIndex.Source>(DemandSearchIndex.SourcesSql.For(dialect), transaction: transaction).AsList())
        {
            var terms = demand.Terms();
            connection.Execute(DemandSearchIndex.SetTermsSql.For(dialect), SqlParameters.Of(new { demand.Id, terms }), transaction);
            connection.Execute(write.For(dialect), SqlParameters.Of(new { key = demand.Id, terms }), transaction);
        }
    }

    public override void Down()
    {
        switch (Provider)
        {
            case DatabaseProvider.Sqlite:
                Execute.Sql("drop table demand_search");
                Execute.Sql("drop index ix_demands_search_rowid");
                Execute.Sql("alter table demands drop column search_rowid");
                break;
            case DatabaseProvider.PostgreSql:
                Execute.Sql("drop index ix_demands_terms");
                break;
            case DatabaseProvider.SqlServer:
                Execute.Sql("drop fulltext index on dbo.demands");
                break;
        }
        Delete.Column("terms").FromTable("demands");
    }
}
