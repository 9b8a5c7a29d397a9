using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Regions;
using Registry.Domain.Time;

namespace Registry.Application.Statistics;

/// <summary>The awards of a China-time year across the nation: how many and their contract value.</summary>
public sealed record AwardsOfYear(AsOf AsOf, string Region, int Year, long Awards, decimal AwardedValue) : ICsvTable
{
    public string CsvName => $"awards-{Region}-{Year}";

    public async Task WriteCsvAsync(CsvWriter csv)
    {
        await csv.WriteHeaderAsync("year", "awards", "awarded_value");
        await csv.WriteRowAsync([CsvCell.Number(Year), CsvCell.Number(Awards), CsvCell.Number(AwardedValue)]);
    }
}

/// <summary>
/// The national award value of a year (this year unless told), for the public home page. Every award is published as a result
/// notice (<c>demand.awarded</c> is a public event), so the sum needs no small-cell suppression; regions stay with the regulators.
/// </summary>
[Public]
public sealed record GetAwardsOfYear(int? Year) : IQuery<AwardsOfYear>;

public sealed class GetAwardsOfYearValidator : AbstractValidator<GetAwardsOfYear>
{
    public GetAwardsOfYearValidator() => RuleFor(x => x.Year).InclusiveBetween(2000, 2100);
}

internal sealed class GetAwardsOfYearHandler(IReadDb db, TimeProvider clock) : IRequestHandler<GetAwardsOfYear, AwardsOfYear>
{
    public async Task<AwardsOfYear> Handle(GetAwardsOfYear q, CancellationToken ct)
    {
        var year = q.Year ?? ChinaTime.Today(clock).Year;
        // Months rather than the year column, so the month index answers.
        var row = await db.QuerySingleOrDefaultAsync<Totals>(TotalsSql, new { first = $"{year:D4}-01", last = $"{year:D4}-12" }, ct) ?? new Totals();
        return new AwardsOfYear(await StatisticsReads.AsOfAsync(db, ct), RegionCode.National, year, row.Awards, row.AwardedValue);
    }

    private sealed class Totals
    {
        public long Awards { get; init; }
        public decimal AwardedValue { get; init; }
    }

    private static readonly Sql TotalsSql = new("""
        select coalesce(sum(demands_awarded), 0) as awards, coalesce(sum(awarded_value), 0) as awarded_value
        from stats_demand_month where month between @first and @last
        """);
}
