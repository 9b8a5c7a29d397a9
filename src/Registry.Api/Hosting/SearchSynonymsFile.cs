using Registry.Domain.Catalog;

namespace Registry.Api.Hosting;

/// <summary>
/// Reads the search synonyms operators keep in <c>Search:SynonymsFile</c> (default <c>search-synonyms.txt</c> beside the host,
/// shipped with the registry's own groups). A file named in the configuration must exist: a typo would silently turn synonyms off.
/// </summary>
internal static class SearchSynonymsFile
{
    public const string Default = "search-synonyms.txt";

    public static SearchSynonyms Load(IConfiguration configuration, string contentRoot)
    {
        var configured = configuration["Search:SynonymsFile"];
        var path = Path.GetFullPath(configured ?? Default, contentRoot);
        if (File.Exists(path)) return SearchSynonyms.Parse(File.ReadAllText(path));
        if (configured is not null)
            throw new InvalidOperationException($"Search:SynonymsFile names {path}, which does not exist. Fix the path, or remove the setting to use the shipped file.");
        return SearchSynonyms.None;
    }
}
