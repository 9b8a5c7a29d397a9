using Registry.Application.Common;

namespace Registry.Infrastructure.Database;

/// <summary>SQLite 3.35+ (the embedded default).</summary>
public sealed class SqliteDialect : ISqlDialect
{
    public string Name => nameof(DatabaseProvider.Sqlite);

    public string Page => "limit @limit offset @offset";

    // SQLite's LIKE ignores ASCII case; Chinese has no case to ignore.
    public string ContainsIgnoreCase(string column, string parameter) => $"{column} like {parameter} escape '\\'";

    public string Concat(params string[] expressions) => string.Join(" || ", expressions);

    public string Upsert(string table, string[] keyColumns, string[] columns) =>
        StandardUpsert(table, keyColumns, columns);

    internal static string StandardUpsert(string table, string[] keyColumns, string[] columns)
    {
        var updates = columns.Except(keyColumns).Select(c => $"{c} = excluded.{c}");
        return $"""
            insert into {table} ({string.Join(", ", columns)}) values ({string.Join(", ", columns.Select(c => "@" + c))})
            on conflict ({string.Join(", ", keyColumns)}) do update set {string.Join(", ", updates)}
            """;
    }
}

/// <summary>PostgreSQL 13+ and the databases that speak its protocol.</summary>
public sealed class PostgreSqlDialect : ISqlDialect
{
    public string Name => nameof(DatabaseProvider.PostgreSql);

    public string Page => "limit @limit offset @offset";

    public string ContainsIgnoreCase(string column, string parameter) => $"{column} ilike {parameter} escape '\\'";

    public string Concat(params string[] expressions) => string.Join(" || ", expressions);

    public string Upsert(string table, string[] keyColumns, string[] columns) =>
        SqliteDialect.StandardUpsert(table, keyColumns, columns);
}

/// <summary>SQL Server 2016+ (and Azure SQL); the default collation is case-insensitive.</summary>
public sealed class SqlServerDialect : ISqlDialect
{
    public string Name => nameof(DatabaseProvider.SqlServer);

    public string Page => "offset @offset rows fetch next @limit rows only";

    public string ContainsIgnoreCase(string column, string parameter) => $"{column} like {parameter} escape '\\'";

    public string Concat(params string[] expressions) => $"concat({string.Join(", ", expressions)})";

    public string Upsert(string table, string[] keyColumns, string[] columns)
    {
        var source = string.Join(", ", columns.Select(c => $"@{c} as {c}"));
        var on = string.Join(" and ", keyColumns.Select(k => $"t.{k} = s.{k}"));
        var updates = string.Join(", ", columns.Except(keyColumns).Select(c => $"{c} = s.{c}"));
        return $"""
            merge into {table} with (holdlock) as t
            using (select {source}) as s on {on}
            when matched then update set {updates}
            when not matched then insert ({string.Join(", ", columns)}) values ({string.Join(", ", columns.Select(c => "s." + c))});
            """;
    }
}
