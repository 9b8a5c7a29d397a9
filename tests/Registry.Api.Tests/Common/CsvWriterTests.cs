using Registry.Application.Catalog;
using Registry.Application.Common;

namespace Registry.Api.Tests.Common;

/// <summary>CSV the registry writes is RFC 4180 and cannot carry a formula into the spreadsheet of whoever opens it.</summary>
public sealed class CsvWriterTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"点击\")", "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"点击\"\")\"")]
    [InlineData("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1:A9)", "'@SUM(A1:A9)")]
    [InlineData("\t=1+1", "'\t=1+1")]
    [InlineData("\r=1+1", "\"'\r=1+1\"")]
    public void Text_that_a_spreadsheet_would_evaluate_starts_with_an_apostrophe(string text, string encoded) =>
        Assert.Equal(encoded, CsvCell.Text(text).Encoded);

    [Theory]
    [InlineData("成都市医学影像标注", "成都市医学影像标注")]
    [InlineData("a=b", "a=b")]
    [InlineData("", "")]
    [InlineData(null, "")]
    [InlineData("甲,乙", "\"甲,乙\"")]
    [InlineData("说\"明\"", "\"说\"\"明\"\"\"")]
    [InlineData("第一行\n第二行", "\"第一行\n第二行\"")]
    public void Other_text_is_kept_and_quoted_only_when_it_must_be(string? text, string encoded) =>
        Assert.Equal(encoded, CsvCell.Text(text).Encoded);

    [Fact]
    public void Numbers_and_dates_the_registry_computed_are_written_as_they_are() =>
        Assert.Equal(["-12.50", "42", "2026-03-01", "2026-03-01T02:00:00Z"],
            [CsvCell.Number(-12.50m).Encoded, CsvCell.Number(42L).Encoded, CsvCell.Date(new DateOnly(2026, 3, 1)).Encoded,
                CsvCell.Instant(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.FromHours(8))).Encoded]);

    [Fact]
    public async Task What_the_writer_writes_the_import_reads_back_with_formulas_neutralised()
    {
        var text = new StringWriter();
        var csv = new CsvWriter(text);
        await csv.WriteHeaderAsync(CatalogCsv.Columns);
        await csv.WriteRowAsync(new[]
        {
            "CD-1", "=1+1", "第一行, 含逗号\n第二行 \"引号\"", "healthcare", "image", "segmentation", "120", "images", "general", "open", "",
            "510100", "@平台", "monthly", "-处室",
        }.Select(CsvCell.Text));

        var row = Assert.Single(CatalogCsv.Parse(text.ToString()));

        Assert.EndsWith("\r\n", text.ToString(), StringComparison.Ordinal);
        Assert.Equal("'=1+1", row.Title);
        Assert.Equal("第一行, 含逗号\n第二行 \"引号\"", row.Description);
        Assert.Equal("'@平台", row.SourceSystem);
        Assert.Equal("'-处室", row.Contact);
        Assert.Equal(120m, row.Volume);
    }
}
