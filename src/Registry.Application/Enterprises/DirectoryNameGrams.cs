namespace Registry.Application.Enterprises;

/// <summary>
/// The name grams of the enterprise directory (<c>enterprise_name_grams</c>): every character and every pair of adjacent characters
/// of an enterprise's legal name, folded, one row per distinct gram. A name search (<c>q</c>) that contains a gram can only match names
/// holding it, so the search starts from the names of its rarest gram instead of reading every name, and then tests each of them
/// with the same <c>like</c> as before: the grams only choose which names are tested, they never decide a match, so the answer stays
/// the database's own.
/// <para>
/// For that, a gram row must exist for every name the <c>like</c> can match, under every provider's comparison: SQLite's
/// <c>like</c> ignores ASCII case, PostgreSQL's <c>ilike</c> all case, SQL Server's usual collations case and width. Only characters
/// whose every such equal is folded onto one form here take part: ASCII (letters in lower case), full-width ASCII (folded onto ASCII),
/// the two letters whose lower case is ASCII (İ and the Kelvin sign) and the CJK unified ideographs, which have no case or width. A query's character outside
/// those is never a gram: the search then uses the query's other grams, or reads every name when it has none. (A SQL Server
/// collation that expands letters, such as æ = ae, is not covered: the registry's SQL Server schema is checked by parsing only.)
/// </para>
/// <para>The folding is stored: a change to it needs a migration that writes every name's grams again.</para>
/// </summary>
internal static class DirectoryNameGrams
{
    /// <summary>The distinct grams of a legal name, as stored.</summary>
    public static IReadOnlyCollection<string> Of(string legalName)
    {
        var grams = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < legalName.Length; i++)
        {
            if (Fold(legalName[i]) is not { } c) continue;
            grams.Add(c.ToString());
            if (i + 1 < legalName.Length && Fold(legalName[i + 1]) is { } next) grams.Add(string.Concat(c, next));
        }
        return grams;
    }

    /// <summary>
    /// The grams a name must hold to contain <paramref name="text"/>: its single character when it has one, else its distinct pairs of
    /// adjacent characters; none when no character (or no pair) of it can be a gram.
    /// </summary>
    public static IReadOnlyList<string> Probes(string text)
    {
        if (text.Length == 1) return Fold(text[0]) is { } only ? [only.ToString()] : [];
        var probes = new List<string>();
        for (var i = 0; i + 1 < text.Length; i++)
        {
            if (Fold(text[i]) is { } c && Fold(text[i + 1]) is { } next && string.Concat(c, next) is var pair && !probes.Contains(pair))
                probes.Add(pair);
        }
        return probes;
    }

    /// <summary>
    /// Whether the names that contain <paramref name="text"/> are exactly the names holding it as a gram, on every provider: one or two
    /// CJK ideographs, which no comparison equates with another character, so that no <c>like</c> test is needed to count them.
    /// </summary>
    public static bool IsExact(string text) => text.Length is 1 or 2 && text.All(IsIdeograph);

    private static bool IsIdeograph(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF';

    /// <summary>A character's stored form, or null when it can take no part in a gram.</summary>
    private static char? Fold(char c) => c switch
    {
        >= 'A' and <= 'Z' => (char)(c + ('a' - 'A')),
        < (char)0x80 => c,
        // Full-width ASCII (！ … ～) is the same character as its ASCII form to a width-insensitive collation.
        >= '\uFF01' and <= '\uFF5E' => Fold((char)(c - 0xFEE0)),
        // CJK Unified Ideographs and Extension A.
        _ when IsIdeograph(c) => c,
        // The only two letters whose Unicode lower case is ASCII: to PostgreSQL's ilike they are that letter.
        '\u0130' => 'i',
        '\u212A' => 'k',
        _ => null,
    };
}
