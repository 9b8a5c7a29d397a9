namespace Registry.Application.Common;

/// <summary>The few places where SQLite, SQL Server and PostgreSQL differ. Everything else is written once.</summary>
public interface ISqlDialect
{
    /// <summary>Provider name: Sqlite, SqlServer or PostgreSql.</summary>
    string Name { get; }

    /// <summary>Paging clause placed after <c>order by</c>, reading <c>@offset</c> and <c>@limit</c>.</summary>
    string Page { get; }

    /// <summary>Case-insensitive containment test of <paramref name="column"/> against a <c>%pattern%</c> parameter.</summary>
    string ContainsIgnoreCase(string column, string parameter);

    /// <summary>
    /// <paramref name="column"/> equals one of the values of a list <paramref name="parameter"/> (an empty list matches nothing):
    /// Dapper expands <c>in @list</c> into one parameter per value, but passes the list whole as an array to PostgreSQL.
    /// </summary>
    string InList(string column, string parameter);

    /// <summary>
    /// Insert a row, or update the given columns when a row with the same key exists.
    /// Parameters are named after the columns (<c>@column</c>).
    /// </summary>
    string Upsert(string table, string[] keyColumns, string[] columns);

    /// <summary>
    /// Full-text condition: the row's terms contain every term of <c>@fullText</c> (built by <see cref="FullTextQuery"/>).
    /// SQLite searches an FTS5 table (<paramref name="ftsTable"/>: terms, whose rowid is the row's <paramref name="searchIdColumn"/>);
    /// PostgreSQL a GIN index over <c>to_tsvector('simple', terms)</c>; SQL Server a full-text index on <paramref name="termsColumn"/>.
    /// </summary>
    string FullTextMatch(string ftsTable, string searchIdColumn, string termsColumn);

    /// <summary>
    /// What a relevance order needs joined to the row of <paramref name="table"/> aliased <paramref name="alias"/> (written after
    /// its <c>from</c>): the FTS5 matches with their BM25 <c>rank</c> on SQLite, computed once per match; <c>containstable</c> on
    /// SQL Server; nothing on PostgreSQL. Only for rows that match (<see cref="FullTextMatch"/>); terms are in a <c>terms</c> column
    /// and, on SQLite, in <paramref name="ftsTable"/> with the row's <c>search_rowid</c> as its rowid.
    /// </summary>
    string FullTextRankJoin(string ftsTable, string table, string alias, string keyColumn);

    /// <summary>
    /// How well the row matches <c>@fullText</c>, sorting the best first in ascending order (with <see cref="FullTextRankJoin"/>):
    /// BM25 on SQLite, minus <c>ts_rank</c> normalised by length on PostgreSQL, minus the full-text rank on SQL Server.
    /// </summary>
    string FullTextRank(string alias);


    /// <summary>
    /// The <c>@fullText</c> value in this engine's query syntax: every group must match; a group matches when any of its
    /// alternatives does; an alternative matches when all its terms are present (<c>SearchSynonyms.Expand</c>).
    /// </summary>
    string FullTextQuery(IReadOnlyList<IReadOnlyList<IReadOnlyList<string>>> groups);

    /// <summary>
    /// Keeps the FTS5 table in step on SQLite (parameters <c>@key</c>, <c>@terms</c>): the row of <paramref name="table"/> whose
    /// <paramref name="keyColumn"/> is <c>@key</c> gets an integer <paramref name="searchIdColumn"/> if it has none, which is
    /// its FTS5 rowid. A no-op statement elsewhere.
    /// </summary>
    string FullTextIndexWrite(string ftsTable, string table, string keyColumn, string searchIdColumn);

    /// <summary>
    /// Removes a row from the FTS5 table on SQLite (parameter <c>@key</c>), found by the <paramref name="searchIdColumn"/> of
    /// <paramref name="table"/>, so it runs before that row is deleted; a no-op statement elsewhere.
    /// </summary>
    string FullTextIndexDelete(string ftsTable, string table, string keyColumn, string searchIdColumn);

    /// <summary>
    /// Whether <paramref name="error"/> means the transaction lost a race with another one (a unique key taken meanwhile, a
    /// deadlock, a serialization failure): run again from the start, the command sees the winner's committed rows.
    /// </summary>
    bool LostRace(Exception error);

    /// <summary>
    /// Rows a bulk command (a catalog import) writes per transaction. Where writers take turns (SQLite: one at a time) a
    /// batch costs about what one ordinary command costs, so a writer that arrives meanwhile waits no longer than it would
    /// behind another caller; where they do not (PostgreSQL, SQL Server: row locks) batches are larger. Fixed per provider,
    /// so a file sent again to the same database splits the same way.
    /// </summary>
    int BulkBatchRows { get; }

    /// <summary>
    /// A statement that lets the current transaction commit without waiting for the disk, or null where the engine has no
    /// per-transaction switch. Only for bookkeeping outside the ledger (sign-in attempts and throttles, log retention):
    /// a crash may forget its last fraction of a second, and it never makes a ledger write wait for its flush.
    /// </summary>
    string? NoFlushWait { get; }
}
