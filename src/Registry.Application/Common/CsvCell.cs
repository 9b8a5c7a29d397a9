using System.Buffers;
using System.Globalization;

namespace Registry.Application.Common;

/// <summary>
/// One cell of a CSV answer (RFC 4180), already encoded. Text others typed is neutralised as OWASP recommends against CSV
/// injection: a cell that starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return gets a leading
/// apostrophe, so a spreadsheet shows it as text instead of evaluating it as a formula. A <see cref="CsvWriter"/> writes
/// only such cells, so no CSV the registry writes can hold a raw value.
/// </summary>
public readonly struct CsvCell
{
    private static readonly SearchValues<char> FormulaStarts = SearchValues.Create("=+-@\t\r");
    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",\"\r\n");

    private readonly string? _encoded;

    private CsvCell(string encoded) => _encoded = encoded;

    /// <summary>The cell as it appears in the file.</summary>
    public string Encoded => _encoded ?? "";

    public override string ToString() => Encoded;

    /// <summary>Text: neutralised, then quoted when it holds a separator, a quote or a line break.</summary>
    public static CsvCell Text(string? value)
    {
        if (string.IsNullOrEmpty(value)) return new("");
        if (FormulaStarts.Contains(value[0])) value = "'" + value;
        return new(value.AsSpan().ContainsAny(NeedsQuotes) ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value);
    }

    /// <summary>A number the registry computed, in invariant notation (a minus sign here is a sign, not a formula).</summary>
    public static CsvCell Number(decimal value) => new(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>A number the registry computed, in invariant notation.</summary>
    public static CsvCell Number(long value) => new(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>A calendar date as yyyy-MM-dd.</summary>
    public static CsvCell Date(DateOnly value) => new(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    /// <summary>An instant as ISO 8601 in UTC.</summary>
    public static CsvCell Instant(DateTimeOffset value) => new(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
}
