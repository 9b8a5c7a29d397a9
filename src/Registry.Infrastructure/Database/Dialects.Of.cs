using System.Data;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;
using Registry.Application.Common;

namespace Registry.Infrastructure.Database;

public static class Dialects
{
    public static ISqlDialect For(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.PostgreSql => new PostgreSqlDialect(),
        DatabaseProvider.SqlServer => new SqlServerDialect(),
        _ => new SqliteDialect(),
    };

    /// <summary>The dialect of an open connection, for code that is handed one (migrations).</summary>
    public static ISqlDialect Of(IDbConnection connection) => connection switch
    {
        NpgsqlConnection => new PostgreSqlDialect(),
        SqlConnection => new SqlServerDialect(),
        SqliteConnection => new SqliteDialect(),
        _ => throw new NotSupportedException($"No SQL dialect for {connection.GetType().Name}."),
    };
}
