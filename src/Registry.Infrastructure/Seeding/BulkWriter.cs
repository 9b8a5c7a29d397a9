using System.Data;
using System.Data.Common;
using System.Globalization;
using Dapper;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;
using Registry.Infrastructure.Database;

namespace Registry.Infrastructure.Seeding;

/// <summary>
/// Appends many rows to a table by each provider's fastest path: prepared inserts in large transactions on SQLite, binary
/// <c>COPY</c> on PostgreSQL, <c>SqlBulkCopy</c> on SQL Server. Rows carry .NET values (Guid, DateTimeOffset, DateOnly, bool,
/// decimal, int, long, string); each writer stores them the way the application's own reads expect (<see cref="DapperSetup"/>).
/// </summary>
public abstract class BulkWriter : IAsyncDisposable
{
    /// <summary>Rows per transaction or batch: large enough to amortise the commit, small enough to bound memory.</summary>
    protected const int BatchSize = 20_000;

    protected BulkWriter(DbConnection connection, DatabaseProvider provider)
    {
        Connection = connection;
        Provider = provider;
    }

    public DbConnection Connection { get; }

    public DatabaseProvider Provider { get; }

    public static async Task<BulkWriter> OpenAsync(DatabaseOptions options, CancellationToken ct)
    {
        DapperSetup.EnsureConfigured();
        var connectionString = options.Primary ?? throw new InvalidOperationException("ConnectionStrings:Primary is not set.");
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
                await sqlite.OpenAsync(ct);
                // A bulk load by the only writer: no fsync per commit; the file stays in WAL mode, as the application runs it.
                await sqlite.ExecuteAsync("pragma foreign_keys = on; pragma synchronous = off; pragma cache_size = -262144;");
                return new SqliteBulkWriter(sqlite);
            case DatabaseProvider.PostgreSql:
                var pg = new NpgsqlConnection(connectionString);
                await pg.OpenAsync(ct);
                return new PostgreSqlBulkWriter(pg);
            case DatabaseProvider.SqlServer:
                var sql = new SqlConnection(connectionString);
                await sql.OpenAsync(ct);
                return new SqlServerBulkWriter(sql);
            default:
                throw new InvalidOperationException($"Unknown provider {options.Provider}.");
        }
    }

    /// <summary>Appends the rows; each row's values are in the order of <paramref name="columns"/>.</summary>
    public abstract Task WriteAsync(string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows, CancellationToken ct);

    /// <summary>Brings the planner's statistics up to date after the load.</summary>
    public virtual Task AnalyzeAsync(CancellationToken ct) => Connection.ExecuteAsync(new CommandDefinition(
        Provider == DatabaseProvider.SqlServer ? "exec sp_updatestats" : "analyze", commandTimeout: 3600, commandType: CommandType.Text, cancellationToken: ct));

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return Connection.DisposeAsync();
    }

    private sealed class SqliteBulkWriter(SqliteConnection connection) : BulkWriter(connection, DatabaseProvider.Sqlite)
    {
        public override async Task WriteAsync(string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows, CancellationToken ct)
        {
            var transaction = connection.BeginTransaction();
            var command = Prepare(table, columns, transaction);
            try
            {
                var count = 0;
                foreach (var row in rows)
                {
                    for (var i = 0; i < row.Length; i++) command.Parameters[i].Value = ToSqlite(row[i]);
                    await command.ExecuteNonQueryAsync(ct);
                    if (++count % BatchSize != 0) continue;
                    transaction.Commit();
                    transaction.Dispose();
                    transaction = connection.BeginTransaction();
                    command.Transaction = transaction;
                }
                transaction.Commit();
            }
            finally
            {
                command.Dispose();
                transaction.Dispose();
            }
        }

        private SqliteCommand Prepare(string table, IReadOnlyList<string> columns, SqliteTransaction transaction)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"insert into {table} ({string.Join(", ", columns)}) values ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
            for (var i = 0; i < columns.Count; i++) command.Parameters.Add(new SqliteParameter("$p" + i, DBNull.Value));
            command.Prepare();
            return command;
        }

        private static object ToSqlite(object? value) => value switch
        {
            null => DBNull.Value,
            Guid g => g.ToString("D"),
            DateTimeOffset t => DapperSetup.ToSqliteText(t),
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            bool b => b ? 1 : 0,
            _ => value,
        };
    }

    private sealed class PostgreSqlBulkWriter(NpgsqlConnection connection) : BulkWriter(connection, DatabaseProvider.PostgreSql)
    {
        public override async Task WriteAsync(string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows, CancellationToken ct)
        {
            // Binary COPY needs each value in its column's exact type (int4 is not int8): the catalog says which.
            var types = (await connection.QueryAsync<(string Column, string Type)>(new CommandDefinition(
                    "select column_name, udt_name from information_schema.columns where table_schema = current_schema() and table_name = @table",
                    new { table }, cancellationToken: ct)))
                .ToDictionary(c => c.Column, c => c.Type, StringComparer.Ordinal);
            var columnTypes = columns.Select(c => types.TryGetValue(c, out var t) ? t : throw new InvalidOperationException($"{table}.{c} does not exist.")).ToArray();
            await using var import = await connection.BeginBinaryImportAsync(
                $"copy {table} ({string.Join(", ", columns)}) from stdin (format binary)", ct);
            foreach (var row in rows)
            {
                await import.StartRowAsync(ct);
                for (var i = 0; i < row.Length; i++)
                {
                    if (row[i] is null) await import.WriteNullAsync(ct);
                    else await import.WriteAsync(ToPostgreSql(row[i]!, columnTypes[i]), columnTypes[i], ct);
                }
            }
            await import.CompleteAsync(ct);
        }

        private static object ToPostgreSql(object value, string type) => (type, value) switch
        {
            ("int8", int i) => (long)i,
            ("int4", long l) => checked((int)l),
            ("numeric", double d) => (decimal)d,
            ("numeric", int i) => (decimal)i,
            ("timestamptz", DateTimeOffset t) => t.ToUniversalTime(),
            _ => value,
        };
    }

    private sealed class SqlServerBulkWriter(SqlConnection connection) : BulkWriter(connection, DatabaseProvider.SqlServer)
    {
        public override async Task WriteAsync(string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows, CancellationToken ct)
        {
            using var copy = new SqlBulkCopy(connection, SqlBulkCopyOptions.CheckConstraints | SqlBulkCopyOptions.TableLock, null)
            {
                DestinationTableName = table, BatchSize = BatchSize, BulkCopyTimeout = 0,
            };
            foreach (var column in columns) copy.ColumnMappings.Add(column, column);
            using var batch = new DataTable();
            foreach (var column in columns) batch.Columns.Add(column, typeof(object));
            foreach (var row in rows)
            {
                batch.Rows.Add(row.Select(v => v switch { null => DBNull.Value, DateOnly d => d.ToDateTime(TimeOnly.MinValue), _ => v }).ToArray());
                if (batch.Rows.Count < BatchSize) continue;
                await copy.WriteToServerAsync(batch, ct);
                batch.Clear();
            }
            if (batch.Rows.Count > 0) await copy.WriteToServerAsync(batch, ct);
        }
    }
}
