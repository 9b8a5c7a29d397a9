using System.Globalization;
using System.Text;
using Registry.Application.Common;

namespace Registry.Application.Catalog;

/// <summary>Reads an import file in CSV (RFC 4180, UTF-8, header row with the JSON field names; lists separated by ';').</summary>
public static class CatalogCsv
{
    public static readonly string[] Columns =
    [
        "code", "title", "description", "domain", "modalities", "taskTypes", "volume", "volumeUnit", "securityLevel", "openness",
        "opennessConditions", "regionCode", "sourceSystem", "updateFrequency", "contact",
    ];

    public static IReadOnlyList<CatalogImportRow> Parse(string text)
    {
        var records = Records(text).Where(r => r.Count > 1 || (r.Count == 1 && r[0].Length > 0)).ToList();
        if (records.Count == 0) throw ValidationFailed.For("file", "The file is empty.");
        var header = records[0].Select(h => h.Trim().TrimStart('\uFEFF')).ToList();
        var missing = Columns.Where(c => !header.Contains(c, StringComparer.OrdinalIgnoreCase)).ToList();
        if (missing.Count > 0) throw ValidationFailed.For("file", $"The header lacks the column(s): {string.Join(", ", missing)}.");
        string Get(IReadOnlyList<string> r, string column)
        {
            var i = header.FindIndex(h => string.Equals(h, column, StringComparison.OrdinalIgnoreCase));
            return i < r.Count ? r[i].Trim() : "";
        }
        static IReadOnlyList<string> List(string s) => s.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return records.Skip(1).Select(r => new CatalogImportRow(Get(r, "code"), Get(r, "title"), Get(r, "description"), Get(r, "domain"),
            List(Get(r, "modalities")), List(Get(r, "taskTypes")),
            decimal.TryParse(Get(r, "volume"), NumberStyles.Number, CultureInfo.InvariantCulture, out var v) ? v : -1,
            Get(r, "volumeUnit"), Get(r, "securityLevel"), Get(r, "openness"), Get(r, "opennessConditions") is { Length: > 0 } oc ? oc : null,
            Get(r, "regionCode"), Get(r, "sourceSystem"), Get(r, "updateFrequency"), Get(r, "contact"))).ToList();
    }

    private static IEnumerable<List<string>> Records(string text)
    {
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (ch == '"') quoted = false;
                else field.Append(ch);
            }
            else if (ch == '"') quoted = true;
            else if (ch == ',') { record.Add(field.ToString()); field.Clear(); }
            else if (ch is '\n' or '\r')
            {
                if (ch == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                record.Add(field.ToString());
                field.Clear();
                yield return record;
                record = [];
            }
            else field.Append(ch);
        }
        if (field.Length > 0 || record.Count > 0)
        {
            record.Add(field.ToString());
            yield return record;
        }
    }
}
