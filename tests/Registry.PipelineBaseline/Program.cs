using Dapper;
using Microsoft.Data.Sqlite;

// The bare endpoint: GET /api/v1/bases/{id} as a Kestrel minimal API doing the registry handler's Dapper query, with no
// authentication, mediator, validation or authorization. Hosting and logging are the framework's defaults, as in the
// registry's host. Usage: Registry.PipelineBaseline <sqlite file> --urls <url>.
var builder = WebApplication.CreateBuilder(args[1..]);
var connectionString = new SqliteConnectionStringBuilder { DataSource = args[0], Pooling = true }.ToString();
DefaultTypeMap.MatchNamesWithUnderscores = true;

var app = builder.Build();
app.MapGet("/api/v1/bases/{id:guid}", async (Guid id, HttpContext http) =>
{
    await using var connection = new SqliteConnection(connectionString);
    await connection.OpenAsync();
    var row = await connection.QuerySingleOrDefaultAsync<BaseRow>(BaseRow.Sql, new { id = id.ToString("D") });
    if (row is null) return Results.NotFound();
    http.Response.Headers.ETag = $"\"{row.Version}\"";
    return Results.Ok(row.ToSummary());
});
app.Run();

internal sealed class BaseRow
{
    // The registry's GetBase statement, column for column.
    public const string Sql = """
        select id, code, name_zh, name_en, level, region_code, region_name_zh, province_code, province_name_zh,
        focus_zh, focus_en, focus_domains, enterprise_count, version from base_directory where id = @id
        """;

    public string Id { get; init; } = "";
    public string Code { get; init; } = "";
    public string NameZh { get; init; } = "";
    public string? NameEn { get; init; }
    public string Level { get; init; } = "";
    public string RegionCode { get; init; } = "";
    public string RegionNameZh { get; init; } = "";
    public string ProvinceCode { get; init; } = "";
    public string ProvinceNameZh { get; init; } = "";
    public string? FocusZh { get; init; }
    public string? FocusEn { get; init; }
    public string? FocusDomains { get; init; }
    public int EnterpriseCount { get; init; }
    public long Version { get; init; }

    public BaseSummary ToSummary() => new(Guid.Parse(Id), Code, NameZh, NameEn, Level, RegionCode, RegionNameZh, ProvinceCode,
        ProvinceNameZh, FocusZh, FocusEn, string.IsNullOrEmpty(FocusDomains) ? [] : FocusDomains.Split(','), EnterpriseCount, Version);
}

internal sealed record BaseSummary(Guid Id, string Code, string NameZh, string? NameEn, string Level, string RegionCode, string RegionNameZh,
    string ProvinceCode, string ProvinceNameZh, string? FocusZh, string? FocusEn, IReadOnlyList<string> FocusDomains, int EnterpriseCount,
    long Version);
