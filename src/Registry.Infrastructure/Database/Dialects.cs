using Microsoft.Data.SqlClient;
using Npgsql;
using Registry.Application.Common;

namespace Registry.Infrastructure.Database;

/// <summary>SQLite 3.35+ (the embedded default).</summary>
public sealed class SqliteDialect : ISqlDialect
{
    public string Name => nameof(DatabaseProvider.Sqlite);

    public string Page => "limit @limit offset @offset";

    // SQLite's LIKE ignores ASCII case; Chinese has no case to ignore.
    public string ContainsIgnoreCase(string column, string parameter) => $"{column} like {parameter} escape '\\'";

    public string InList(string column, string parameter) => $"{column} in {parameter}";

    public string Upsert(string table, string[] keyColumns, string[] columns) =>
        StandardUpsert(table, keyColumns, columns);

    // The FTS5 rowid is the row's integer search id: the match yields the rows' ids without reading the FTS5 content.
    public string FullTextMatch(string ftsTable, string searchIdColumn, string termsColumn) =>
        $"{searchIdColumn} in (select rowid from {ftsTable} where {ftsTable} match @fullText)";

    public string FullTextRankJoin(string ftsTable, string table, string alias, string keyColumn) =>
        $"join (select rowid as ranked_rowid, rank as search_rank from {ftsTable} where {ftsTable} match @fullText) ranked on ranked.ranked_rowid = {alias}.search_rowid";

    public string FullTextRank(string alias) => "ranked.search_rank";

    // FTS5: each term a quoted phrase; AND, OR and parentheses as written.
    public string FullTextQuery(IReadOnlyList<IReadOnlyList<IReadOnlyList<string>>> groups) =>
        FullTextQueries.Compose(groups, t => "\"" + t.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"", " AND ", " OR ");

    // A row without a search id gets the next one (the largest in use + 1, read from an index on the column).
    public string FullTextIndexWrite(string ftsTable, string table, string keyColumn, string searchIdColumn) => $"""
        update {table} set {searchIdColumn} = coalesce({searchIdColumn}, (select coalesce(max({searchIdColumn}), 0) + 1 from {table})) where {keyColumn} = @key;
        {FullTextIndexDelete(ftsTable, table, keyColumn, searchIdColumn)};
        insert into {ftsTable} (rowid, terms) select {searchIdColumn}, @terms from {table} where {keyColumn} = @key
        """;

    public string FullTextIndexDelete(string ftsTable, string table, string keyColumn, string searchIdColumn) =>
        $"delete from {ftsTable} where rowid = (select {searchIdColumn} from {table} where {keyColumn} = @key)";

    // A write transaction begins IMMEDIATE, holding the one writer lock before its first read: it sees every commit before it.
    public bool LostRace(Exception error) => false;

    // About the cost of one bid on this machine (docs/performance.md, latency under contention).
    public int BulkBatchRows => 5;

    // synchronous is per connection, not per transaction: bookkeeping commits as durably as everything else.
    public string? NoFlushWait => null;

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

    // Npgsql sends a list as one array, which Dapper then leaves unexpanded.
    public string InList(string column, string parameter) => $"{column} = any({parameter})";

    public string Upsert(string table, string[] keyColumns, string[] columns) =>
        SqliteDialect.StandardUpsert(table, keyColumns, columns);

    public string FullTextMatch(string ftsTable, string searchIdColumn, string termsColumn) =>
        $"to_tsvector('simple', {termsColumn}) @@ to_tsquery('simple', @fullText)";

    // tsquery: each term a quoted lexeme; & and | with parentheses.
    public string FullTextQuery(IReadOnlyList<IReadOnlyList<IReadOnlyList<string>>> groups) =>
        FullTextQueries.Compose(groups, t => "'" + t.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "'", " & ", " | ");

    public string FullTextRankJoin(string ftsTable, string table, string alias, string keyColumn) => "";

    // Normalisation 1: longer texts rank lower, as in BM25.
    public string FullTextRank(string alias) => $"-ts_rank(to_tsvector('simple', {alias}.terms), to_tsquery('simple', @fullText), 1)";

    public string FullTextIndexWrite(string ftsTable, string table, string keyColumn, string searchIdColumn) => "select @key, @terms";

    public string FullTextIndexDelete(string ftsTable, string table, string keyColumn, string searchIdColumn) => "select @key";

    // 23505 unique violation, 40P01 deadlock, 40001 serialization failure.
    public bool LostRace(Exception error) => error is PostgresException { SqlState: "23505" or "40P01" or "40001" };

    // A batch takes the ledger row only for its append and commit; other writers do not wait for its rows.
    public int BulkBatchRows => 200;

    // Asynchronous commit: visible at once, flushed by the WAL writer within wal_writer_delay (200 ms by default).
    public string? NoFlushWait => "set local synchronous_commit to off";
}

/// <summary>SQL Server 2016+ (and Azure SQL); the default collation is case-insensitive.</summary>
public sealed class SqlServerDialect : ISqlDialect
{
    public string Name => nameof(DatabaseProvider.SqlServer);

    public string Page => "offset @offset rows fetch next @limit rows only";

    public string ContainsIgnoreCase(string column, string parameter) => $"{column} like {parameter} escape '\\'";

    public string InList(string column, string parameter) => $"{column} in {parameter}";

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

    public string FullTextMatch(string ftsTable, string searchIdColumn, string termsColumn) => $"contains({termsColumn}, @fullText)";

    public string FullTextQuery(IReadOnlyList<IReadOnlyList<IReadOnlyList<string>>> groups) =>
        FullTextQueries.Compose(groups, t => "\"" + t.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"", " and ", " or ");

    public string FullTextRankJoin(string ftsTable, string table, string alias, string keyColumn) =>
        $"join containstable({table}, terms, @fullText) ranked on ranked.[KEY] = {alias}.{keyColumn}";

    public string FullTextRank(string alias) => "-ranked.[RANK]";

    public string FullTextIndexWrite(string ftsTable, string table, string keyColumn, string searchIdColumn) => "select @key, @terms";

    public string FullTextIndexDelete(string ftsTable, string table, string keyColumn, string searchIdColumn) => "select @key";

    // 2627/2601 unique key, 1205 deadlock victim.
    public bool LostRace(Exception error) => error is SqlException { Number: 2627 or 2601 or 1205 };

    public int BulkBatchRows => 200;

    // Delayed durability needs a database setting (ALLOW_DELAYED_DURABILITY) the platform does not assume.
    public string? NoFlushWait => null;
}

/// <summary>Writes grouped full-text terms in an engine's syntax: groups and terms joined by its AND, alternatives by its OR.</summary>
internal static class FullTextQueries
{
    public static string Compose(IReadOnlyList<IReadOnlyList<IReadOnlyList<string>>> groups, Func<string, string> quote, string and, string or) =>
        string.Join(and, groups.Select(alternatives => alternatives.Count == 1
            ? string.Join(and, alternatives[0].Select(quote))
            : "(" + string.Join(or, alternatives.Select(terms => "(" + string.Join(and, terms.Select(quote)) + ")")) + ")"));
}
