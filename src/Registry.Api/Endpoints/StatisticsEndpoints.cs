using System.Text;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Registry.Application.Common;
using Registry.Application.Statistics;

namespace Registry.Api.Endpoints;

public static class StatisticsEndpoints
{
    public sealed record OverviewQuery([FromQuery(Name = "region")] string? Region, [FromQuery(Name = "format")] string? Format);

    public sealed record SeriesQuery([FromQuery(Name = "region")] string? Region, [FromQuery(Name = "metric")] string? Metric,
        [FromQuery(Name = "from")] string? From, [FromQuery(Name = "to")] string? To, [FromQuery(Name = "format")] string? Format);

    public sealed record BreakdownQuery([FromQuery(Name = "region")] string? Region, [FromQuery(Name = "by")] string? By,
        [FromQuery(Name = "from")] string? From, [FromQuery(Name = "to")] string? To, [FromQuery(Name = "format")] string? Format);

    public sealed record RegionQuery([FromQuery(Name = "region")] string? Region, [FromQuery(Name = "format")] string? Format);

    public sealed record AwardsQuery([FromQuery(Name = "year")] int? Year, [FromQuery(Name = "format")] string? Format);

    public sealed record MarketQuery([FromQuery(Name = "region")] string? Region, [FromQuery(Name = "from")] int? From,
        [FromQuery(Name = "to")] int? To, [FromQuery(Name = "format")] string? Format);

    public static RouteGroupBuilder MapStatistics(this RouteGroupBuilder api)
    {
        var statistics = api.MapGroup("/statistics").WithTags("Statistics");
        var secured = statistics.MapGroup("").RequireAuthorization();

        statistics.MapGet("/overview", GetStatisticsOverview).AllowAnonymous()
            .WithName("GetStatisticsOverview")
            .WithSummary("Industry overview of a region with asOf; anyone reads the published national overview, regulators their jurisdiction (JSON or CSV)")
            .Produces<StatisticsOverview>(200, "application/json", "text/csv").ProducesValidationProblem().ProducesProblem(404);

        statistics.MapGet("/awards", GetAwardsOfYear).AllowAnonymous()
            .WithName("GetAwardsOfYear")
            .WithSummary("The nation's awards and award value of a China-time year, this year unless told; public (JSON or CSV)")
            .Produces<AwardsOfYear>(200, "application/json", "text/csv").ProducesValidationProblem();

        secured.MapGet("/series", GetStatisticsSeries)
            .WithName("GetStatisticsSeries").WithSummary("One figure of a region month by month, China time (regulator, admin; JSON or CSV)")
            .Produces<StatisticsSeries>(200, "application/json", "text/csv").ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403)
            .ProducesProblem(404);

        secured.MapGet("/breakdown", GetStatisticsBreakdown)
            .WithName("GetStatisticsBreakdown")
            .WithSummary("A region's demand flows by province, city, domain, modality or base (regulator, admin; JSON or CSV)")
            .Produces<StatisticsBreakdown>(200, "application/json", "text/csv").ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403)
            .ProducesProblem(404);

        secured.MapGet("/bases", GetBaseStatistics)
            .WithName("GetBaseStatistics").WithSummary("Figures of the bases located in a region (regulator, admin; JSON or CSV)")
            .Produces<BaseStatistics>(200, "application/json", "text/csv").ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403)
            .ProducesProblem(404);

        secured.MapGet("/talent", GetTalentStatistics)
            .WithName("GetTalentStatistics").WithSummary("Annotators per skill level and per region one level down (regulator, admin; JSON or CSV)")
            .Produces<TalentStatistics>(200, "application/json", "text/csv").ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403)
            .ProducesProblem(404);

        secured.MapGet("/market", GetMarketIndicators)
            .WithName("GetMarketIndicators")
            .WithSummary("Award value per year, growth, CAGR against the policy line, demand shares, concentration (regulator, admin; JSON or CSV)")
            .Produces<MarketReport>(200, "application/json", "text/csv").ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403)
            .ProducesProblem(404);
        return api;
    }

    static async Task<IResult> GetStatisticsOverview([AsParameters] OverviewQuery q, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var csv = WantsCsv(http, q.Format);
        return Answer(csv, await mediator.Send(new Application.Statistics.GetStatisticsOverview(q.Region), ct));
    }

    static async Task<IResult> GetAwardsOfYear([AsParameters] AwardsQuery q, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var csv = WantsCsv(http, q.Format);
        return Answer(csv, await mediator.Send(new Application.Statistics.GetAwardsOfYear(q.Year), ct));
    }

    static async Task<IResult> GetStatisticsSeries([AsParameters] SeriesQuery q, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var csv = WantsCsv(http, q.Format);
        return Answer(csv, await mediator.Send(new Application.Statistics.GetStatisticsSeries(q.Region, q.Metric, q.From, q.To), ct));
    }

    static async Task<IResult> GetStatisticsBreakdown([AsParameters] BreakdownQuery q, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var csv = WantsCsv(http, q.Format);
        return Answer(csv, await mediator.Send(new Application.Statistics.GetStatisticsBreakdown(q.Region, q.By, q.From, q.To), ct));
    }

    static async Task<IResult> GetBaseStatistics([AsParameters] RegionQuery q, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var csv = WantsCsv(http, q.Format);
        return Answer(csv, await mediator.Send(new Application.Statistics.GetBaseStatistics(q.Region), ct));
    }

    static async Task<IResult> GetTalentStatistics([AsParameters] RegionQuery q, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var csv = WantsCsv(http, q.Format);
        return Answer(csv, await mediator.Send(new Application.Statistics.GetTalentStatistics(q.Region), ct));
    }

    static async Task<IResult> GetMarketIndicators([AsParameters] MarketQuery q, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var csv = WantsCsv(http, q.Format);
        return Answer(csv, await mediator.Send(new Application.Statistics.GetMarketIndicators(q.Region, q.From, q.To), ct));
    }

    /// <summary>CSV when asked by <c>?format=csv</c> or an Accept header that names <c>text/csv</c>; checked before the query runs.</summary>
    private static bool WantsCsv(HttpContext http, string? format) => format switch
    {
        null => http.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase)),
        "csv" => true,
        "json" => false,
        _ => throw ValidationFailed.For("format", "The format is json or csv."),
    };

    private static IResult Answer<T>(bool csv, T value) where T : ICsvTable => csv ? new CsvResult(value) : TypedResults.Ok(value);

    /// <summary>A table as a CSV download: UTF-8 with a byte order mark, every cell through <see cref="CsvCell"/>.</summary>
    private sealed class CsvResult(ICsvTable table) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            http.Response.ContentType = "text/csv; charset=utf-8";
            http.Response.Headers[HeaderNames.ContentDisposition] = $"attachment; filename=\"{table.CsvName}.csv\"";
            await http.Response.Body.WriteAsync(CsvWriter.Encoding.GetPreamble());
            await using var text = new StreamWriter(http.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true);
            await table.WriteCsvAsync(new CsvWriter(text));
        }
    }
}
