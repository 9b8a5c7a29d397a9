using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;
using Registry.Domain.Reference;
using Registry.Domain.Regions;
using Registry.Domain.Time;
using Indicators = Registry.Domain.Statistics.MarketIndicators;

namespace Registry.Application.Statistics;

/// <summary>Award value of a year (China time of the award) and its growth over the year before (null for the first year or from nothing).</summary>
public sealed record MarketYear(int Year, long Awards, decimal AwardedValue, decimal? Growth);

/// <summary>A part's share of the budget published over the span.</summary>
public sealed record DemandShare(string Code, string NameZh, long DemandsPublished, decimal BudgetPublished, decimal? Share);

/// <summary>How concentrated a domain's award value is among the winning enterprises over the span.</summary>
public sealed record DomainConcentration(string Domain, string NameZh, long Winners, decimal AwardedValue, decimal? Top10Share, decimal? Hhi);

/// <summary>
/// Market indicators of a region over a span of years: award value per year, growth year over year, the compound annual growth
/// from the first to the last year and its gap to the policy line, shares of demand by domain and region, concentration per domain.
/// </summary>
public sealed record MarketReport(AsOf AsOf, string Region, int From, int To, decimal PolicyGrowthTarget, IReadOnlyList<MarketYear> Years,
    decimal? CompoundAnnualGrowth, decimal? GapToPolicyLine, IReadOnlyList<DemandShare> DemandByDomain, IReadOnlyList<DemandShare> DemandByRegion,
    IReadOnlyList<DomainConcentration> Concentration) : ICsvTable
{
    public string CsvName => $"market-{Region}-{From}-{To}";

    public async Task WriteCsvAsync(CsvWriter csv)
    {
        await csv.WriteHeaderAsync("year", "awards", "awarded_value", "growth");
        foreach (var y in Years)
            await csv.WriteRowAsync([CsvCell.Number(y.Year), CsvCell.Number(y.Awards), CsvCell.Number(y.AwardedValue), Number(y.Growth)]);
        await csv.WriteHeaderAsync("compound_annual_growth", "policy_growth_target", "gap_to_policy_line");
        await csv.WriteRowAsync([Number(CompoundAnnualGrowth), CsvCell.Number(PolicyGrowthTarget), Number(GapToPolicyLine)]);
        await csv.WriteHeaderAsync("dimension", "code", "name", "demands_published", "budget_published", "share");
        foreach (var (dimension, shares) in new[] { ("domain", DemandByDomain), ("region", DemandByRegion) })
            foreach (var s in shares)
                await csv.WriteRowAsync([CsvCell.Text(dimension), CsvCell.Text(s.Code), CsvCell.Text(s.NameZh), CsvCell.Number(s.DemandsPublished),
                    CsvCell.Number(s.BudgetPublished), Number(s.Share)]);
        await csv.WriteHeaderAsync("domain", "name", "winners", "awarded_value", "top10_share", "hhi");
        foreach (var c in Concentration)
            await csv.WriteRowAsync([CsvCell.Text(c.Domain), CsvCell.Text(c.NameZh), CsvCell.Number(c.Winners), CsvCell.Number(c.AwardedValue),
                Number(c.Top10Share), Number(c.Hhi)]);
    }

    private static CsvCell Number(decimal? value) => value is { } v ? CsvCell.Number(v) : CsvCell.Text(null);
}

/// <summary>The market indicators of a region over the years <c>from</c>..<c>to</c> (the last four years unless told).</summary>
[AllowedFor(Roles.Regulator, Roles.Admin)]
public sealed record GetMarketIndicators(string? Region, int? From, int? To) : IQuery<MarketReport>
{
    /// <summary>The longest span, in years.</summary>
    public const int MaxYears = 30;
}

public sealed class GetMarketIndicatorsValidator : AbstractValidator<GetMarketIndicators>
{
    public GetMarketIndicatorsValidator(RegionDirectory regions)
    {
        RuleFor(x => x.Region).KnownRegion(regions).When(x => x.Region is not null);
        RuleFor(x => x.From).InclusiveBetween(2000, 2100);
        RuleFor(x => x.To).InclusiveBetween(2000, 2100);
        RuleFor(x => x.To).Must((q, to) => to >= q.From && to - q.From < GetMarketIndicators.MaxYears)
            .When(x => x.From is not null && x.To is not null)
            .WithMessage(_ => Texts.Format("validation.year_range", GetMarketIndicators.MaxYears - 1));
    }
}

internal sealed class GetMarketIndicatorsHandler(IReadDb db, ICaller caller, RegionDirectory regions, StatisticsOptions options, TimeProvider clock)
    : IRequestHandler<GetMarketIndicators, MarketReport>
{
    public async Task<MarketReport> Handle(GetMarketIndicators q, CancellationToken ct)
    {
        var region = StatisticsReads.RegionFor(caller, q.Region);
        var to = q.To ?? (q.From is { } f ? Math.Max(f, ChinaTime.Today(clock).Year) : ChinaTime.Today(clock).Year);
        var from = q.From ?? to - 3;
        if (to < from || to - from >= GetMarketIndicators.MaxYears)
            throw ValidationFailed.For("from", $"The span is 1 to {GetMarketIndicators.MaxYears} years, 'from' not after 'to'.");
        var args = new { scope = RegionScope.Of(region), from, to };

        var values = (await db.QueryAsync<YearRow>(YearsSql, args, ct)).ToDictionary(y => y.Year);
        var years = new List<MarketYear>();
        for (var year = from; year <= to; year++)
        {
            var row = values.GetValueOrDefault(year) ?? new YearRow { Year = year };
            var previous = year == from ? (decimal?)null : years[^1].AwardedValue;
            years.Add(new MarketYear(year, row.Awards, row.AwardedValue, previous is { } p ? Indicators.YearOverYear(p, row.AwardedValue) : null));
        }
        var cagr = Indicators.CompoundAnnualGrowth(years[0].AwardedValue, years[^1].AwardedValue, to - from);

        var byDomain = Shares(await db.QueryAsync<ShareRow>(DemandByDomainSql, args, ct), c => StatisticsReads.NameOf(IndustryDomains.All, c));
        var byRegion = Shares(await db.QueryAsync<ShareRow>(region == RegionCode.National ? DemandByProvinceSql : DemandByCitySql, args, ct),
            c => StatisticsReads.RegionName(regions, c));

        var concentration = (await db.QueryAsync<WinnerRow>(WinnersSql, args, ct))
            .GroupBy(w => w.Domain)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new DomainConcentration(g.Key, StatisticsReads.NameOf(IndustryDomains.All, g.Key), g.Count(), g.Sum(w => w.AwardValue),
                Indicators.TopShare(g.Select(w => w.AwardValue), 10), Indicators.HerfindahlHirschman(g.Select(w => w.AwardValue))))
            .ToList();

        return new MarketReport(await StatisticsReads.AsOfAsync(db, ct), region, from, to, options.PolicyGrowthTarget, years, cagr,
            Indicators.GapToTarget(cagr, options.PolicyGrowthTarget), byDomain, byRegion, concentration);
    }

    private static List<DemandShare> Shares(IReadOnlyList<ShareRow> rows, Func<string, string> name)
    {
        var total = rows.Sum(r => r.BudgetPublished);
        return rows.Select(r => new DemandShare(r.Code, name(r.Code), r.DemandsPublished, r.BudgetPublished, StatisticsReads.Ratio(r.BudgetPublished, total)))
            .ToList();
    }

    private sealed class YearRow
    {
        public int Year { get; init; }
        public long Awards { get; init; }
        public decimal AwardedValue { get; init; }
    }

    private sealed class ShareRow
    {
        public string Code { get; init; } = "";
        public long DemandsPublished { get; init; }
        public decimal BudgetPublished { get; init; }
    }

    private sealed class WinnerRow
    {
        public string Domain { get; init; } = "";
        public Guid EnterpriseId { get; init; }
        public decimal AwardValue { get; init; }
    }

    private static readonly string InSpan = $"{RegionScope.Sql("region_code")} and year between @from and @to";

    private static readonly Sql YearsSql = new($"""
        select year, sum(demands_awarded) as awards, sum(awarded_value) as awarded_value from stats_demand_month where {InSpan} group by year
        """);

    private static readonly Sql DemandByDomainSql = new($"""
        select domain as code, sum(demands_published) as demands_published, sum(budget_published) as budget_published
        from stats_demand_month where {InSpan} group by domain having sum(demands_published) > 0 order by domain
        """);

    private static readonly Sql DemandByProvinceSql = new($"""
        select province_code as code, sum(demands_published) as demands_published, sum(budget_published) as budget_published
        from stats_demand_month where {InSpan} group by province_code having sum(demands_published) > 0 order by province_code
        """);

    private static readonly Sql DemandByCitySql = new($"""
        select region_code as code, sum(demands_published) as demands_published, sum(budget_published) as budget_published
        from stats_demand_month where {InSpan} group by region_code having sum(demands_published) > 0 order by region_code
        """);

    // A winner's awards in several cities of the region are one share.
    private static readonly Sql WinnersSql = new($"""
        select domain, enterprise_id, sum(award_value) as award_value from stats_award_winners where {InSpan} group by domain, enterprise_id
        """);
}
