using System.Globalization;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Registry.Application.Common.Search;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Registry.Infrastructure.Search;

/// <summary>
/// What the search indexes of one instance (decision 0012) share, in Lucene.NET 4.8: a folder of its own, one document per
/// row keyed by the row's id (the <c>id</c> keyword field), a whitespace analyzer (documents hold the search terms exactly as
/// the database indexes them, so both engines find the same rows), BM25, a load that replaces everything and merges to one
/// segment, and changes that are visible to the next search. Subclasses say what a document holds and how it is searched.
/// </summary>
public abstract class LuceneSearchIndex<TDocument> : ISearchIndex<TDocument>, IDisposable
{
    protected const LuceneVersion Version = LuceneVersion.LUCENE_48;

    private readonly string? _configuredFolder;
    private readonly object _write = new();
    private State? _state;
    private long _sequence;
    private int _count;

    /// <param name="folder">Where the index lives; a folder of its own in the temporary folder, removed at the end, when null.</param>
    protected LuceneSearchIndex(string? folder) => _configuredFolder = folder;

    /// <summary>What the index holds, for messages ("catalog search index").</summary>
    protected abstract string Name { get; }

    public bool Loaded => Volatile.Read(ref _state) is not null;

    public long Sequence => Interlocked.Read(ref _sequence);

    public int Count => Volatile.Read(ref _count);

    /// <summary>The id of the row a document is made from.</summary>
    protected abstract Guid KeyOf(TDocument document);

    /// <summary>The Lucene document of a row; it must hold <c>new StringField("id", Key(id), Field.Store.NO)</c>.</summary>
    protected abstract Document ToDocument(TDocument document);

    /// <summary>Prepares a merged segment before it becomes visible; none by default.</summary>
    protected virtual IndexWriter.IndexReaderWarmer? MergeWarmer => null;

    /// <summary>Opens the searchers of each refresh; BM25 by default.</summary>
    protected virtual SearcherFactory Searchers => new Bm25Searchers();

    protected static string Key(Guid id) => id.ToString("D");

    /// <summary>
    /// The scoring query of the full-text groups of <c>SearchSynonyms.Expand</c> over the <c>text</c> field, as the database
    /// matches them: every group, any alternative of a group, every term of an alternative.
    /// </summary>
    protected static BooleanQuery TextQuery(IReadOnlyList<IReadOnlyList<IReadOnlyList<string>>> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var text = new BooleanQuery();
        foreach (var group in groups)
        {
            var alternatives = new BooleanQuery { MinimumNumberShouldMatch = 1 };
            foreach (var terms in group)
            {
                var all = new BooleanQuery();
                foreach (var t in terms) all.Add(new TermQuery(new Term("text", t)), Occur.MUST);
                alternatives.Add(all, Occur.SHOULD);
            }
            text.Add(alternatives, Occur.MUST);
        }
        return text;
    }

    public async Task LoadAsync(IAsyncEnumerable<TDocument> documents, long sequence, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var folder = _configuredFolder ?? Path.Combine(Path.GetTempPath(), "registry-search-" + Guid.NewGuid().ToString("N"));
        if (System.IO.Directory.Exists(folder)) System.IO.Directory.Delete(folder, recursive: true);
        System.IO.Directory.CreateDirectory(folder);
        var directory = FSDirectory.Open(new DirectoryInfo(folder));
        var config = new IndexWriterConfig(Version, new WhitespaceAnalyzer(Version))
        {
            OpenMode = OpenMode.CREATE,
            Similarity = new BM25Similarity(),
            RAMBufferSizeMB = 64,
            MergedSegmentWarmer = MergeWarmer,
        };
        var writer = new IndexWriter(directory, config);
        try
        {
            await foreach (var d in documents.WithCancellation(ct)) writer.AddDocument(ToDocument(d));
            writer.ForceMerge(1);
            writer.Commit();
            var searchers = new SearcherManager(writer, applyAllDeletes: true, Searchers);
            var previous = Interlocked.Exchange(ref _state, new State(directory, writer, searchers, _configuredFolder is null ? folder : null));
            Interlocked.Exchange(ref _sequence, sequence);
            Refreshed(searchers);
            previous?.Dispose();
        }
        catch
        {
            writer.Dispose();
            directory.Dispose();
            throw;
        }
    }

    public void Apply(IReadOnlyCollection<TDocument> upserts, IReadOnlyCollection<Guid> removals, long sequence)
    {
        ArgumentNullException.ThrowIfNull(upserts);
        ArgumentNullException.ThrowIfNull(removals);
        var state = _state ?? throw new InvalidOperationException($"The {Name} is not loaded.");
        lock (_write)
        {
            foreach (var d in upserts) state.Writer.UpdateDocument(new Term("id", Key(KeyOf(d))), ToDocument(d));
            foreach (var id in removals) state.Writer.DeleteDocuments(new Term("id", Key(id)));
            state.Searchers.MaybeRefreshBlocking();
            Interlocked.Exchange(ref _sequence, sequence);
            Refreshed(state.Searchers);
        }
    }

    /// <summary>Runs a search on the current searcher, released afterwards.</summary>
    protected T Read<T>(Func<IndexSearcher, T> search)
    {
        ArgumentNullException.ThrowIfNull(search);
        var state = _state ?? throw new InvalidOperationException($"The {Name} is not loaded.");
        var searcher = state.Searchers.Acquire();
        try
        {
            return search(searcher);
        }
        finally
        {
            state.Searchers.Release(searcher);
        }
    }

    private void Refreshed(SearcherManager searchers)
    {
        var searcher = searchers.Acquire();
        try
        {
            Volatile.Write(ref _count, searcher.IndexReader.NumDocs);
        }
        finally
        {
            searchers.Release(searcher);
        }
    }

    private sealed class Bm25Searchers : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = new BM25Similarity() };
    }

    private sealed record State(LuceneDirectory Directory, IndexWriter Writer, SearcherManager Searchers, string? OwnedFolder) : IDisposable
    {
        public void Dispose()
        {
            Searchers.Dispose();
            Writer.Dispose();
            Directory.Dispose();
            if (OwnedFolder is not null)
            {
                try
                {
                    System.IO.Directory.Delete(OwnedFolder, recursive: true);
                }
                catch (IOException)
                {
                    // A file still mapped; the temporary folder is cleaned by the system.
                }
            }
        }
    }

    public void Dispose()
    {
        Interlocked.Exchange(ref _state, null)?.Dispose();
        GC.SuppressFinalize(this);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name}: {Count:N0} documents as of sequence {Sequence}");
}
