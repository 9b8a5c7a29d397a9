namespace Registry.Application.Common.Search;

/// <summary>Which engine answers catalog and demand board searches (<c>Search:Engine</c>).</summary>
public enum SearchEngine
{
    /// <summary>This instance's search indexes, kept current from the outbox; the database answers while they load.</summary>
    Index,

    /// <summary>The database's full-text indexes (and, for the catalog, <c>group by</c> facets), always.</summary>
    Database,
}

/// <summary>Settings of the search indexes (<c>Search:*</c>).</summary>
public sealed class SearchOptions
{
    public SearchEngine Engine { get; set; } = SearchEngine.Index;

    /// <summary>
    /// Loads an index in the request that first needs it, rather than in the background at start (the test host and verbs,
    /// which run no background loop, and have small tables).
    /// </summary>
    public bool LoadOnDemand { get; set; } = true;

    /// <summary>
    /// A directory name search looks up, one by one, the names holding its rarest gram when fewer than this many names hold it, and
    /// reads every name otherwise (<c>Search:DirectoryGramNamesAtMost</c>; docs/performance.md). Either way the answer is the same.
    /// </summary>
    public int DirectoryGramNamesAtMost { get; set; } = 5_000;
}
