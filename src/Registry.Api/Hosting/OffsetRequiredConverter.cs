using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Registry.Application.Common;

namespace Registry.Api.Hosting;

/// <summary>A date-time the caller sent without an offset: refused, since the registry cannot know which clock it was read from.</summary>
public sealed class OffsetRequiredException(string message) : JsonException(message);

/// <summary>
/// Date-times in bodies and query strings carry their offset (<c>Z</c> or <c>±hh:mm</c>): <c>2026-12-08T10:00:00</c> is refused
/// rather than read as UTC, eight hours from what a caller in China meant. Answers write instants as before (ISO 8601, with offset).
/// </summary>
public sealed partial class OffsetRequiredConverter : JsonConverter<DateTimeOffset>
{

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String) throw new JsonException();
        return Parse(reader.GetString()!) ?? throw new OffsetRequiredException(RefusalOf(reader.GetString()!));
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    /// <summary>The instant of an ISO 8601 date-time that states its offset; null otherwise.</summary>
    public static DateTimeOffset? Parse(string text) =>
        HasOffset().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value) ? value : null;

    /// <summary>Why a text is not an instant, for a field error (in the request's language).</summary>
    public static string RefusalOf(string text) =>
        HasOffset().IsMatch(text) || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            ? Texts.Format("binding.expected", Texts.Get("describe.date_time"))
            : Texts.Format("binding.offset_required", text, Texts.Get("describe.date_time"));

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex HasOffset();
}
