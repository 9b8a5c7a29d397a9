namespace Registry.Domain.Catalog;

/// <summary>
/// Words that mean the same in a search (标注/标记, 医疗/医学/医药, 自动驾驶/智能驾驶), from a file operators edit: one group per
/// line, words separated by spaces or commas, <c>#</c> starts a comment. A query word that contains a word of a group also
/// matches the text with that word replaced by each other word of the group (医疗影像 finds 医学影像 too).
/// </summary>
public sealed class SearchSynonyms
{
    /// <summary>A group's words, longest first, so that 自动驾驶 is replaced before any shorter word inside it.</summary>
    private readonly (string Word, string[] Group)[] _words;

    private SearchSynonyms((string Word, string[] Group)[] words) => _words = words;

    public static SearchSynonyms None { get; } = new([]);

    /// <summary>How many groups were read.</summary>
    public int Groups => _words.Select(w => w.Group).Distinct().Count();

    public static SearchSynonyms Parse(string text)
    {
        var words = new List<(string, string[])>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Split('#')[0];
            var group = line.Split([' ', ',', '，', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries)
                .Select(w => w.Trim().ToLowerInvariant()).Where(w => SearchTerms.Query(w).Count > 0).Distinct(StringComparer.Ordinal).ToArray();
            if (group.Length < 2) continue;
            words.AddRange(group.Select(w => (w, group)));
        }
        return new SearchSynonyms([.. words.OrderByDescending(w => w.Item1.Length).ThenBy(w => w.Item1, StringComparer.Ordinal)]);
    }

    /// <summary>
    /// The query as groups that must all match, each satisfied by any of its alternatives, each alternative a list of terms that
    /// must all be present (<see cref="SearchTerms"/>). Without synonyms every word is one group of one alternative.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<IReadOnlyList<string>>> Expand(string? text)
    {
        var groups = new List<IReadOnlyList<IReadOnlyList<string>>>();
        foreach (var word in Words(text ?? ""))
        {
            var alternatives = Alternatives(word).Select(SearchTerms.Query).Where(t => t.Count > 0)
                .DistinctBy(t => string.Join(' ', t), StringComparer.Ordinal).ToList();
            if (alternatives.Count > 0) groups.Add(alternatives);
        }
        return groups;
    }

    /// <summary>At most this many spellings of one query word, however many groups it touches.</summary>
    private const int MaxAlternatives = 16;

    /// <summary>The word with each group it contains replaced by each of the group's words, in every combination (capped).</summary>
    private IEnumerable<string> Alternatives(string word)
    {
        var alternatives = new List<string> { word.ToLowerInvariant() };
        var expanded = new HashSet<string[]>(ReferenceEqualityComparer.Instance);
        foreach (var (synonym, group) in _words)
        {
            if (expanded.Contains(group) || !alternatives.Any(a => a.Contains(synonym, StringComparison.Ordinal))) continue;
            expanded.Add(group);
            alternatives = alternatives.SelectMany(a => a.IndexOf(synonym, StringComparison.Ordinal) is var at and >= 0
                    ? group.Select(other => a[..at] + other + a[(at + synonym.Length)..])
                    : [a])
                .Distinct(StringComparer.Ordinal).Take(MaxAlternatives).ToList();
        }
        return alternatives;
    }

    /// <summary>The query's words: runs of letters and digits, as the terms are cut.</summary>
    private static IEnumerable<string> Words(string text) =>
        string.Concat(text.Normalize(System.Text.NormalizationForm.FormKC).Select(c => char.IsLetterOrDigit(c) ? c : ' '))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
