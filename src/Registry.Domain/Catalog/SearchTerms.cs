using System.Globalization;
using System.Text;

namespace Registry.Domain.Catalog;

/// <summary>
/// Full-text terms that work for Chinese: Chinese text has no spaces between words, so every pair of adjacent Han
/// characters becomes a term (数字病理 → 数字 字病 病理), and runs of letters or digits become lower-case words. A query
/// is turned into terms the same way and matches when every one of its terms is present, so a two-character word such
/// as 病理 finds 数字病理切片标注.
/// </summary>
public static class SearchTerms
{
    /// <summary>The space-separated terms of a text, each once, in first-seen order.</summary>
    public static string Index(params string?[] texts) => string.Join(' ', Terms(string.Join('\n', texts)).Distinct());

    /// <summary>The terms a query must all match (bigrams only for Han text of two characters or more); empty for none.</summary>
    public static IReadOnlyList<string> Query(string? text) =>
        Terms(text ?? "").Where(t => !(t.Length == 1 && IsHan(t[0])) || HanRunsOfOne(text ?? "").Contains(t)).Distinct().ToList();

    private static HashSet<string> HanRunsOfOne(string text)
    {
        var runs = new HashSet<string>();
        var normalized = text.Normalize(NormalizationForm.FormKC);
        for (var i = 0; i < normalized.Length; i++)
        {
            if (IsHan(normalized[i]) && (i == 0 || !IsHan(normalized[i - 1])) && (i + 1 == normalized.Length || !IsHan(normalized[i + 1])))
                runs.Add(normalized[i].ToString());
        }
        return runs;
    }

    public static IEnumerable<string> Terms(string text)
    {
        var normalized = text.Normalize(NormalizationForm.FormKC);
        var word = new StringBuilder();
        var han = new StringBuilder();
        foreach (var c in normalized)
        {
            if (IsHan(c))
            {
                foreach (var t in Flush(word)) yield return t;
                han.Append(c);
            }
            else if (char.IsLetterOrDigit(c))
            {
                foreach (var t in FlushHan(han)) yield return t;
                word.Append(char.ToLowerInvariant(c));
            }
            else
            {
                foreach (var t in Flush(word)) yield return t;
                foreach (var t in FlushHan(han)) yield return t;
            }
        }
        foreach (var t in Flush(word)) yield return t;
        foreach (var t in FlushHan(han)) yield return t;
    }

    private static IEnumerable<string> Flush(StringBuilder word)
    {
        if (word.Length == 0) yield break;
        var w = word.ToString();
        word.Clear();
        yield return w;
    }

    private static IEnumerable<string> FlushHan(StringBuilder han)
    {
        if (han.Length == 0) yield break;
        var s = han.ToString();
        han.Clear();
        // Single characters are indexed too, so a one-character query still finds something.
        foreach (var c in s) yield return c.ToString();
        for (var i = 0; i + 1 < s.Length; i++) yield return s.Substring(i, 2);
    }

    private static bool IsHan(char c) =>
        CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.OtherLetter && c is >= '\u3400' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF';
}
