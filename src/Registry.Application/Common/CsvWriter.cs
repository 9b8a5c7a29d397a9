using System.Text;

namespace Registry.Application.Common;

/// <summary>Writes CSV rows of <see cref="CsvCell"/>s with CRLF line ends (RFC 4180).</summary>
public sealed class CsvWriter(TextWriter output)
{
    /// <summary>UTF-8 with a byte order mark, so spreadsheet programs read Chinese text correctly.</summary>
    public static readonly Encoding Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    /// <summary>A header row; column names are text like any other.</summary>
    public Task WriteHeaderAsync(params string[] columns) => WriteRowAsync(columns.Select(CsvCell.Text));

    public async Task WriteRowAsync(IEnumerable<CsvCell> cells)
    {
        await output.WriteAsync(string.Join(',', cells.Select(c => c.Encoded)));
        await output.WriteAsync("\r\n");
    }
}
