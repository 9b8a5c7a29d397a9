using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;
using Registry.Domain.Reference;
using Registry.Domain.Regions;

namespace Registry.Application.Statistics;

/// <summary>The demand flows of one part of a region: a province, a city, a domain, a modality or a base.</summary>
public sealed record BreakdownRow(string Code, string NameZh, long DemandsPublished, decimal BudgetPublished, long DemandsOpened, long BidsOpened,
    long DemandsAwarded, decimal AwardedValue, long DemandsUnsuccessful, long DemandsCancelled, long ContractsCompleted, long ContractsTerminated);

/// <summary>A region's flows split by <see cref="By"/>; the rows add up to <see cref="Total"/>, the region's own figures.</summary>
public sealed record StatisticsBreakdown(AsOf AsOf, string Region, string By, string? From, string? To, IReadOnlyList<BreakdownRow> Rows,
    BreakdownRow Total) : ICsvTable
{
    public string CsvName => $"breakdown-{By}-{Region}";

    public async Task WriteCsvAsync(CsvWriter csv)
    {
        await csv.WriteHeaderAsync(By, "name", "demands_published", "budget_published", "demands_opened", "bids_opened", "demands_awarded",
            "awarded_value", "demands_unsuccessful", "demands_cancelled", "contracts_completed", "contracts_terminated");
        foreach (var r in Rows.Append(Total))
            await csv.WriteRowAsync([CsvCell.Text(r.Code), CsvCell.Text(r.NameZh), CsvCell.Number(r.DemandsPublished), CsvCell.Number(r.BudgetPublished),
                CsvCell.Number(r.DemandsOpened), CsvCell.Number(r.BidsOpened), CsvCell.Number(r.DemandsAwarded), CsvCell.Number(r.AwardedValue),
                CsvCell.Number(r.DemandsUnsuccessful), CsvCell.Number(r.DemandsCancelled), CsvCell.Number(r.ContractsCompleted),
                CsvCell.Number(r.ContractsTerminated)]);
    }
}

/// <summary>
/// A region's demand flows broken down by province, city, domain, modality or base (drill-down: the nation by province, a province
/// by city), over a span of China-time months (all months unless told).
/// </summary>
[AllowedFor(Roles.Regulator, Roles.Admin)]
public sealed record GetStatisticsBreakdown(string? Region, string? By, string? From, string? To) : IQuery<StatisticsBreakdown>
{
    /// <summary>What a breakdown can split by, and the column of <c>stats_demand_month</c> that says it.</summary>
    public static readonly IReadOnlyDictionary<string, string> Dimensions = new Dictionary<string, string>
    {
        ["province"] = "province_code", ["city"] = "region_code", ["domain"] = "domain", ["modality"] = "modality", ["base"] = "base_id",
    };
}

public sealed class GetStatisticsBreakdownValidator : AbstractValidator<GetStatisticsBreakdown>
{
    public GetStatisticsBreakdownValidator(RegionDirectory regions)
    {
        RuleFor(x => x.Region).KnownRegion(regions).When(x => x.Region is not null);
        RuleFor(x => x.By).NotEmpty().Must(b => b is null || GetStatisticsBreakdown.Dimensions.ContainsKey(b))
            .WithMessage(_ => Texts.Format("validation.unknown_dimension", string.Join(", ", GetStatisticsBreakdown.Dimensions.Keys)));
        RuleFor(x => x.From).OptionalMonth();
        RuleFor(x => x.To).OptionalMonth();
    }
}

internal sealed class GetStatisticsBreakdownHandler(IReadDb db, ICaller caller, RegionDirectory regions)
    : IRequestHandler<GetStatisticsBreakdown, StatisticsBreakdown>
{
    public async Task<StatisticsBreakdown> Handle(GetStatisticsBreakdown q, CancellationToken ct)
    {
        var region = StatisticsReads.RegionFor(caller, q.Region);
        var scope = RegionScope.Of(region);
        var by = Array.IndexOf(Names, q.By);
        // Without a span every month counts, so the totals over all months answer.
        var rows = q.From is null && q.To is null
            ? await db.QueryAsync<Row>(WholeHistoryBySql[by], new { scope }, ct)
            : await db.QueryAsync<Row>(BySql[by], new { scope, from = q.From ?? "0000-00", to = q.To ?? "9999-99" }, ct);
        var bases = q.By == "base" ? (await db.QueryAsync<BaseName>(BaseNamesSql, null, ct)).ToDictionary(b => b.Id.ToString(), b => b.NameZh) : [];
        string NameOf(string code) => q.By switch
        {
            "province" or "city" => StatisticsReads.RegionName(regions, code),
            "domain" => StatisticsReads.NameOf(IndustryDomains.All, code),
            "modality" => StatisticsReads.NameOf(Modalities.All, code),
            _ => code == "" ? "未指定基地" : bases.GetValueOrDefault(code, code),
        };
        var breakdown = rows.Select(r => r.View(r.Code, NameOf(r.Code))).ToList();
        var total = new Row
        {
            DemandsPublished = rows.Sum(r => r.DemandsPublished), BudgetPublished = rows.Sum(r => r.BudgetPublished),
            DemandsOpened = rows.Sum(r => r.DemandsOpened), BidsOpened = rows.Sum(r => r.BidsOpened), DemandsAwarded = rows.Sum(r => r.DemandsAwarded),
            AwardedValue = rows.Sum(r => r.AwardedValue), DemandsUnsuccessful = rows.Sum(r => r.DemandsUnsuccessful),
            DemandsCancelled = rows.Sum(r => r.DemandsCancelled), ContractsCompleted = rows.Sum(r => r.ContractsCompleted),
            ContractsTerminated = rows.Sum(r => r.ContractsTerminated),
        }.View(region, StatisticsReads.RegionName(regions, region));
        return new StatisticsBreakdown(await StatisticsReads.AsOfAsync(db, ct), region, q.By!, q.From, q.To, breakdown, total);
    }

    private sealed class Row
    {
        public string Code { get; init; } = "";
        public long DemandsPublished { get; init; }
        public decimal BudgetPublished { get; init; }
        public long DemandsOpened { get; init; }
        public long BidsOpened { get; init; }
        public long DemandsAwarded { get; init; }
        public decimal AwardedValue { get; init; }
        public long DemandsUnsuccessful { get; init; }
        public long DemandsCancelled { get; init; }
        public long ContractsCompleted { get; init; }
        public long ContractsTerminated { get; init; }

        public BreakdownRow View(string code, string name) => new(code, name, DemandsPublished, BudgetPublished, DemandsOpened, BidsOpened,
            DemandsAwarded, AwardedValue, DemandsUnsuccessful, DemandsCancelled, ContractsCompleted, ContractsTerminated);
    }

    private sealed class BaseName
    {
        public Guid Id { get; init; }
        public string NameZh { get; init; } = "";
    }

    private static readonly string[] Names = GetStatisticsBreakdown.Dimensions.Keys.ToArray();

    // One statement per dimension, from the fixed list: no caller text reaches the SQL.
    private static readonly Sql[] BySql = Names.Select(n => Statement("stats_demand_month", GetStatisticsBreakdown.Dimensions[n],
        "and month between @from and @to")).ToArray();

    // The totals keep no base, so a base breakdown sums the monthly rows.
    private static readonly Sql[] WholeHistoryBySql = Names.Select(n => Statement(n == "base" ? "stats_demand_month" : "stats_demand_totals",
        GetStatisticsBreakdown.Dimensions[n], "")).ToArray();

    private static Sql Statement(string table, string column, string span) => new($"""
        select {column} as code, sum(demands_published) as demands_published, sum(budget_published) as budget_published,
            sum(demands_opened) as demands_opened, sum(bids_opened) as bids_opened, sum(demands_awarded) as demands_awarded,
            sum(awarded_value) as awarded_value, sum(demands_unsuccessful) as demands_unsuccessful, sum(demands_cancelled) as demands_cancelled,
            sum(contracts_completed) as contracts_completed, sum(contracts_terminated) as contracts_terminated
        from {table}
        where {RegionScope.Sql("region_code")} {span}
        group by {column} order by {column}
        """);

    // Bases are a short reference list whose names the operator may correct; read as they stand.
    private static readonly Sql BaseNamesSql = new("select id, name_zh from bases");
}
