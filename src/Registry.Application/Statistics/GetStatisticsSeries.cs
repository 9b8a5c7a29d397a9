using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;
using Registry.Domain.Regions;

namespace Registry.Application.Statistics;

public sealed record SeriesPoint(string Month, decimal Value);

/// <summary>One figure of a region month by month (China time), every month of the span present, zero where nothing happened.</summary>
public sealed record StatisticsSeries(AsOf AsOf, string Region, string Metric, string From, string To, IReadOnlyList<SeriesPoint> Points) : ICsvTable
{
    public string CsvName => $"series-{Metric}-{Region}";

    public async Task WriteCsvAsync(CsvWriter csv)
    {
        await csv.WriteHeaderAsync("month", Metric);
        foreach (var p in Points) await csv.WriteRowAsync([CsvCell.Text(p.Month), CsvCell.Number(p.Value)]);
    }
}

/// <summary>A monthly series of one figure (<see cref="Metrics"/>) over a span of months (the last twelve unless told).</summary>
[AllowedFor(Roles.Regulator, Roles.Admin)]
public sealed record GetStatisticsSeries(string? Region, string? Metric, string? From, string? To) : IQuery<StatisticsSeries>
{
    /// <summary>The figures a series can follow, and the read table and column each is summed from.</summary>
    public static readonly IReadOnlyDictionary<string, (string Table, string Column)> Metrics = new Dictionary<string, (string, string)>
    {
        ["demandsPublished"] = ("stats_demand_month", "demands_published"),
        ["budgetPublished"] = ("stats_demand_month", "budget_published"),
        ["demandsOpened"] = ("stats_demand_month", "demands_opened"),
        ["bidsOpened"] = ("stats_demand_month", "bids_opened"),
        ["invitationsSent"] = ("stats_demand_month", "invitations_sent"),
        ["demandsAwarded"] = ("stats_demand_month", "demands_awarded"),
        ["awardedValue"] = ("stats_demand_month", "awarded_value"),
        ["demandsUnsuccessful"] = ("stats_demand_month", "demands_unsuccessful"),
        ["demandsCancelled"] = ("stats_demand_month", "demands_cancelled"),
        ["deliveriesAccepted"] = ("stats_demand_month", "deliveries_accepted"),
        ["contractsOnTime"] = ("stats_demand_month", "contracts_on_time"),
        ["deliveriesRejected"] = ("stats_demand_month", "deliveries_rejected"),
        ["contractsCompleted"] = ("stats_demand_month", "contracts_completed"),
        ["contractsTerminated"] = ("stats_demand_month", "contracts_terminated"),
        ["challengesFiled"] = ("stats_demand_month", "challenges_filed"),
        ["complaintsFiled"] = ("stats_demand_month", "complaints_filed"),
        ["complaintsUpheld"] = ("stats_demand_month", "complaints_upheld"),
        ["awardsAnnulled"] = ("stats_demand_month", "awards_annulled"),
        ["enterprisesRegistered"] = ("stats_region_month", "enterprises_registered"),
        ["certificatesIssued"] = ("stats_region_month", "certificates_issued"),
    };

    /// <summary>The longest span a series covers, in months.</summary>
    public const int MaxMonths = 120;
}

public sealed class GetStatisticsSeriesValidator : AbstractValidator<GetStatisticsSeries>
{
    public GetStatisticsSeriesValidator(RegionDirectory regions)
    {
        RuleFor(x => x.Region).KnownRegion(regions).When(x => x.Region is not null);
        RuleFor(x => x.Metric).NotEmpty().Must(m => m is null || GetStatisticsSeries.Metrics.ContainsKey(m))
            .WithMessage(_ => Texts.Format("validation.unknown_metric", string.Join(", ", GetStatisticsSeries.Metrics.Keys)));
        RuleFor(x => x.From).OptionalMonth();
        RuleFor(x => x.To).OptionalMonth();
        RuleFor(x => x.To).Must((q, to) => string.CompareOrdinal(q.From, to) <= 0)
            .When(x => StatisticsReads.IsMonth(x.From) && StatisticsReads.IsMonth(x.To)).WithMessage(_ => Texts.Get("validation.to_not_before_from"));
    }
}

internal sealed class GetStatisticsSeriesHandler(IReadDb db, ICaller caller, TimeProvider clock) : IRequestHandler<GetStatisticsSeries, StatisticsSeries>
{
    public async Task<StatisticsSeries> Handle(GetStatisticsSeries q, CancellationToken ct)
    {
        var region = StatisticsReads.RegionFor(caller, q.Region);
        var to = q.To ?? StatisticsReads.MonthNow(clock);
        var from = q.From ?? StatisticsReads.Month(StatisticsReads.FirstDay(to).AddMonths(-11));
        var months = new List<string>();
        for (var m = StatisticsReads.FirstDay(from); string.CompareOrdinal(StatisticsReads.Month(m), to) <= 0; m = m.AddMonths(1))
            months.Add(StatisticsReads.Month(m));
        if (months.Count > GetStatisticsSeries.MaxMonths)
            throw ValidationFailed.For("from", $"A series spans at most {GetStatisticsSeries.MaxMonths} months.");

        var values = (await db.QueryAsync<Point>(MetricSql[Array.IndexOf(MetricNames, q.Metric)], new { scope = RegionScope.Of(region), from, to }, ct))
            .ToDictionary(p => p.Month, p => p.Value);
        return new StatisticsSeries(await StatisticsReads.AsOfAsync(db, ct), region, q.Metric!, from, to,
            months.Select(m => new SeriesPoint(m, values.GetValueOrDefault(m))).ToList());
    }

    private sealed class Point
    {
        public string Month { get; init; } = "";
        public decimal Value { get; init; }
    }

    private static readonly string[] MetricNames = GetStatisticsSeries.Metrics.Keys.ToArray();

    // One statement per metric, built once from the fixed list: no caller text reaches the SQL.
    private static readonly Sql[] MetricSql = MetricNames.Select(n => GetStatisticsSeries.Metrics[n]).Select(m => new Sql($"""
        select month, sum({m.Column}) as value from {m.Table}
        where {RegionScope.Sql("region_code")} and month between @from and @to group by month
        """)).ToArray();
}
