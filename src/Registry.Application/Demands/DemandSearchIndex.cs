using Registry.Application.Common;
using Registry.Domain.Catalog;

namespace Registry.Application.Demands;

/// <summary>
/// Keeps a published demand's search terms, and SQLite's FTS5 row, in step with its number, title and description, inside the
/// command's transaction: at publication and after an amendment.
/// </summary>
internal static class DemandSearchIndex
{
    public static async Task WriteAsync(IWriteDb db, Guid id, CancellationToken ct)
    {
        var source = await db.QuerySingleOrDefaultAsync<Source>(SourceSql, new { id }, ct);
        if (source is null) return;
        var terms = source.Terms();
        await db.ExecuteAsync(SetTermsSql, new { id, terms }, ct);
        await db.ExecuteAsync(FullTextWriteSql, new { key = id, terms }, ct);
    }

    internal sealed class Source
    {
        public Guid Id { get; init; }
        public string? Number { get; init; }
        public string Title { get; init; } = "";
        public string Description { get; init; } = "";

        public string Terms() => SearchTerms.Index(Number, Title, Description);
    }

    internal static readonly Sql SetTermsSql = new("update demands set terms = @terms where id = @id");
    internal static readonly Sql SourcesSql = new("select id, number, title, description from demands where number is not null");
    private static readonly Sql SourceSql = new("select id, number, title, description from demands where id = @id and number is not null");
    private static readonly Sql FullTextWriteSql = new(d => d.FullTextIndexWrite("demand_search", "demands", "id", "search_rowid"));
}
