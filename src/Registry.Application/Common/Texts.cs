using System.Globalization;
using System.Resources;
using Registry.Domain;

namespace Registry.Application.Common;

/// <summary>
/// The registry's messages in the request's language (Resources/Messages.resx in English, Messages.zh.resx in Chinese), chosen by
/// the current UI culture the API sets from Accept-Language. Codes, field names and data stay as they are in every language.
/// </summary>
public static class Texts
{
    public const string ResourceName = "Registry.Application.Resources.Messages";

    public static readonly ResourceManager Resources = new(ResourceName, typeof(Texts).Assembly);

    /// <summary>Whether the current request asked for Chinese.</summary>
    public static bool IsChinese => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh";

    /// <summary>The message under <paramref name="key"/> in the current language, or null when there is none.</summary>
    public static string? Find(string key) => Resources.GetString(key, CultureInfo.CurrentUICulture);

    /// <summary>The message under <paramref name="key"/>; the key itself if it is missing (a test checks every key the code uses).</summary>
    public static string Get(string key) => Find(key) ?? key;

    /// <summary>The message under <paramref name="key"/> with its placeholders filled, numbers written the same in every language.</summary>
    public static string Format(string key, params object?[] arguments) => string.Format(CultureInfo.InvariantCulture, Get(key), arguments);

    /// <summary>A domain rule's field problem in the current language, from <c>problem.&lt;code&gt;</c> (its English sentence if the key is missing).</summary>
    public static string Of(FieldProblem problem) =>
        Find("problem." + problem.Code) is null ? problem.Message : Format("problem." + problem.Code, [.. problem.Arguments]);
}
