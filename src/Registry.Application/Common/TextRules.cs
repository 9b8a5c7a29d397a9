using FluentValidation;

namespace Registry.Application.Common;

/// <summary>
/// What text a request may carry. Every string field of every request uses one of these rules (a test enumerates them):
/// names are one line without control or bidirectional-override characters; plain text is one line without control
/// characters; multi-line text may also hold line breaks and tabs. None may hold an unpaired surrogate, which no database
/// can store as UTF-8, nor NUL, which PostgreSQL refuses.
/// </summary>
public static class TextRules
{
    public const int NameLength = 200;
    public const int QueryLength = 200;

    public const string NameMessage = "Use one line of text without control or bidirectional formatting characters.";
    public const string PlainMessage = "Use one line of text without control characters.";
    public const string MultilineMessage = "Use text without control characters (line breaks and tabs are allowed).";

#nullable disable annotations // FluentValidation's builders are nullability-oblivious: these rules apply to string and string? alike
    /// <summary>A name others read in lists and documents: an organization, a legal name, a person, a title.</summary>
    public static IRuleBuilderOptions<T, string> Name<T>(this IRuleBuilder<T, string> rule, int maxLength = NameLength) =>
        rule.MaximumLength(maxLength).Must(IsName).WithMessage(_ => Texts.Get("validation.name"));

    /// <summary>One line of free text: a reason, a contact, a search term, a code.</summary>
    public static IRuleBuilderOptions<T, string> PlainText<T>(this IRuleBuilder<T, string> rule, int maxLength) =>
        rule.MaximumLength(maxLength).Must(IsPlain).WithMessage(_ => Texts.Get("validation.plain"));

    /// <summary>Free text that may span lines: descriptions, task specifications, technical summaries, examples.</summary>
    public static IRuleBuilderOptions<T, string> MultilineText<T>(this IRuleBuilder<T, string> rule, int maxLength) =>
        rule.MaximumLength(maxLength).Must(IsMultiline).WithMessage(_ => Texts.Get("validation.multiline"));

    /// <summary>A list holds at most <paramref name="max"/> items (null is left to NotNull/NotEmpty).</summary>
    public static IRuleBuilderOptions<T, TList> MaxCount<T, TList>(this IRuleBuilder<T, TList> rule, int max) where TList : System.Collections.IEnumerable =>
        rule.Must(list => list is null || (list is System.Collections.ICollection c ? c.Count : list.Cast<object>().Take(max + 1).Count()) <= max)
            .WithMessage(_ => Texts.Format("validation.max_count", max));
#nullable restore annotations

    public static bool IsName(string? text) => Check(text, multiline: false, name: true);

    public static bool IsPlain(string? text) => Check(text, multiline: false, name: false);

    public static bool IsMultiline(string? text) => Check(text, multiline: true, name: false);

    private static bool Check(string? text, bool multiline, bool name)
    {
        if (text is null) return true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
                return false;
            }
            if (char.IsLowSurrogate(c)) return false;
            if (char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t')) return false;
            if (name && IsBidiControl(c)) return false;
        }
        return true;
    }

    // LRM, RLM, ALM, the embeddings and overrides, and the isolates: they reorder how a name reads (a "Trojan Source" of names).
    private static bool IsBidiControl(char c) => c is '\u200E' or '\u200F' or '\u061C' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
