using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;
using Registry.Domain.Regions;

namespace Registry.Application.Statistics;

/// <summary>A base's enterprises and annotators, and the demands that name it as preferred base, wherever they are.</summary>
public sealed record BaseFigures(Guid BaseId, string Code, string NameZh, string Level, string RegionCode, long Enterprises, long Annotators,
    long DemandsPublished, decimal BudgetPublished, long DemandsAwarded, decimal AwardedValue);

public sealed record BaseStatistics(AsOf AsOf, string Region, IReadOnlyList<BaseFigures> Bases) : ICsvTable
{
    public string CsvName => $"bases-{Region}";

    public async Task WriteCsvAsync(CsvWriter csv)
    {
        await csv.WriteHeaderAsync("base_id", "code", "name", "level", "region_code", "enterprises", "annotators", "demands_published",
            "budget_published", "demands_awarded", "awarded_value");
        foreach (var b in Bases)
            await csv.WriteRowAsync([CsvCell.Text(b.BaseId.ToString()), CsvCell.Text(b.Code), CsvCell.Text(b.NameZh), CsvCell.Text(b.Level),
                CsvCell.Text(b.RegionCode), CsvCell.Number(b.Enterprises), CsvCell.Number(b.Annotators), CsvCell.Number(b.DemandsPublished),
                CsvCell.Number(b.BudgetPublished), CsvCell.Number(b.DemandsAwarded), CsvCell.Number(b.AwardedValue)]);
    }
}

/// <summary>The figures of the data labeling bases located in a region.</summary>
[AllowedFor(Roles.Regulator, Roles.Admin)]
public sealed record GetBaseStatistics(string? Region) : IQuery<BaseStatistics>;

public sealed class GetBaseStatisticsValidator : AbstractValidator<GetBaseStatistics>
{
    public GetBaseStatisticsValidator(RegionDirectory regions) => RuleFor(x => x.Region).KnownRegion(regions).When(x => x.Region is not null);
}

internal sealed class GetBaseStatisticsHandler(IReadDb db, ICaller caller) : IRequestHandler<GetBaseStatistics, BaseStatistics>
{
    public async Task<BaseStatistics> Handle(GetBaseStatistics q, CancellationToken ct)
    {
        var region = StatisticsReads.RegionFor(caller, q.Region);
        var scope = new { scope = RegionScope.Of(region) };
        var bases = await db.QueryAsync<BaseRow>(BasesSql, scope, ct);
        var supply = (await db.QueryAsync<SupplyRow>(SupplySql, scope, ct)).ToDictionary(s => s.BaseId);
        var flows = (await db.QueryAsync<FlowRow>(FlowsSql, scope, ct)).ToDictionary(f => f.BaseId);
        var figures = bases.Select(b =>
        {
            var s = supply.GetValueOrDefault(b.Id) ?? new SupplyRow();
            var f = flows.GetValueOrDefault(b.Id.ToString()) ?? new FlowRow();
            return new BaseFigures(b.Id, b.Code, b.NameZh, b.Level, b.RegionCode, s.Enterprises, s.Annotators, f.DemandsPublished, f.BudgetPublished,
                f.DemandsAwarded, f.AwardedValue);
        }).ToList();
        return new BaseStatistics(await StatisticsReads.AsOfAsync(db, ct), region, figures);
    }

    private sealed class BaseRow
    {
        public Guid Id { get; init; }
        public string Code { get; init; } = "";
        public string NameZh { get; init; } = "";
        public string Level { get; init; } = "";
        public string RegionCode { get; init; } = "";
    }

    private sealed class SupplyRow
    {
        public Guid BaseId { get; init; }
        public long Enterprises { get; init; }
        public long Annotators { get; init; }
    }

    private sealed class FlowRow
    {
        public string BaseId { get; init; } = "";
        public long DemandsPublished { get; init; }
        public decimal BudgetPublished { get; init; }
        public long DemandsAwarded { get; init; }
        public decimal AwardedValue { get; init; }
    }

    // Bases are a short reference list whose names the operator may correct; read as they stand.
    private static readonly Sql BasesSql = new($"""
        select id, code, name_zh, level, region_code from bases where {RegionScope.Sql("region_code")} order by code
        """);

    private static readonly Sql SupplySql = new($"""
        select e.base_id, count(*) as enterprises, coalesce(sum(t.annotators), 0) as annotators
        from stats_enterprises e
        join bases b on b.id = e.base_id
        left join (select enterprise_id, sum(annotators) as annotators from stats_enterprise_talent group by enterprise_id) t
            on t.enterprise_id = e.enterprise_id
        where {RegionScope.Sql("b.region_code")}
        group by e.base_id
        """);

    private static readonly Sql FlowsSql = new("""
        select base_id, sum(demands_published) as demands_published, sum(budget_published) as budget_published,
            sum(demands_awarded) as demands_awarded, sum(awarded_value) as awarded_value
        from stats_demand_month where base_id <> '' group by base_id
        """);
}
