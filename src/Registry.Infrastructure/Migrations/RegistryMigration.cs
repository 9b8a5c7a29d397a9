using Dapper;
using FluentMigrator;
using FluentMigrator.Builders.Create.Table;
using Registry.Infrastructure.Database;

namespace Registry.Infrastructure.Migrations;

/// <summary>Base of Registry's migrations: knows the provider for the few types FluentMigrator cannot map everywhere.</summary>
public abstract class RegistryMigration : Migration
{
    private static readonly AsyncLocal<DatabaseProvider?> Running = new();

    /// <summary>Set by <see cref="DatabaseMigrator"/> around a run; FluentMigrator does not expose the target to migrations.</summary>
    internal static IDisposable Target(DatabaseProvider provider)
    {
        Running.Value = provider;
        return new Reset();
    }

    internal DatabaseProvider Provider =>
        Running.Value ?? throw new InvalidOperationException("Migrations run through DatabaseMigrator.");

    internal bool OnSqlite => Provider == DatabaseProvider.Sqlite;

    /// <summary>
    /// SQLite plans from the statistics of the last <c>analyze</c>, which know nothing of a new index: where there are statistics
    /// (a seeded or long-running database), they are taken again for <paramref name="tables"/>. Nothing on a database never
    /// analyzed, nor on PostgreSQL and SQL Server, which keep their own statistics up to date.
    /// </summary>
    internal void RefreshSqliteStatistics(params string[] tables)
    {
        if (!OnSqlite) return;
        Execute.WithConnection((connection, transaction) =>
        {
            if (connection.ExecuteScalar<long>("select count(*) from sqlite_master where name = 'sqlite_stat1'", transaction: transaction) == 0) return;
            foreach (var table in tables) connection.Execute($"analyze {table}", transaction: transaction);
        });
    }

    private sealed class Reset : IDisposable
    {
        public void Dispose() => Running.Value = null;
    }
}

internal static class ColumnTypes
{
    /// <summary>
    /// A UTC point in time: datetimeoffset on SQL Server, timestamptz on PostgreSQL, fixed-format ISO-8601 text on
    /// SQLite (which has no time type; FluentMigrator's SQLite generator refuses DateTimeOffset).
    /// </summary>
    public static ICreateTableColumnOptionOrWithColumnSyntax AsTimestamp(this ICreateTableColumnAsTypeSyntax column, RegistryMigration migration) =>
        migration.OnSqlite ? column.AsString(40) : column.AsDateTimeOffset();

    /// <summary>The same UTC point in time for a column added to an existing table.</summary>
    public static FluentMigrator.Builders.Alter.Table.IAlterTableColumnOptionOrAddColumnOrAlterColumnSyntax AsAlteredTimestamp(
        this FluentMigrator.Builders.Alter.Table.IAlterTableColumnAsTypeSyntax column, RegistryMigration migration) =>
        migration.OnSqlite ? column.AsString(40) : column.AsDateTimeOffset();
}
