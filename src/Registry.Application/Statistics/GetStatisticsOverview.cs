using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Reference;
using Registry.Domain.Regions;

namespace Registry.Application.Statistics;

/// <summary>How many there are of one code (a grade, a status, a designation, a skill level).</summary>
public sealed record CountBy(string Code, long Number);

public sealed record EnterpriseFigures(long Registered, IReadOnlyList<CountBy> ActiveByGrade, IReadOnlyList<CountBy> CertificatesByStatus,
    IReadOnlyList<CountBy> ByDesignation);

public sealed record TalentFigures(long Annotators, IReadOnlyList<CountBy> ByLevel);

/// <summary>Demand flows; the figures that rest on sealed bids or invitations are null in the published overview below the small-cell limit.</summary>
public sealed record DemandFigures(long Published, decimal Budget, long Awarded, decimal AwardedValue, long Unsuccessful, long Cancelled,
    long Opened, long? BidsOpened, decimal? BidsPerDemand, long? InvitationsSent);

public sealed record ContractFigures(long Completed, long OnTime, long DeliveriesAccepted, long? DeliveriesRejected, long Terminated);

/// <summary>
/// Challenges (质疑) and complaints (投诉) filed, complaints upheld and awards annulled by an upheld result challenge; null in the
/// published overview below the small-cell limit, since a single challenge names a demand's dispute.
/// </summary>
public sealed record DisputeFigures(long? ChallengesFiled, long? ComplaintsFiled, long? ComplaintsUpheld, long? AwardsAnnulled);

/// <summary>Awarded value over awarded volume for a modality and unit; null (suppressed) in the published overview below the small-cell limit.</summary>
public sealed record UnitPrice(string Modality, string Unit, long Awards, decimal? AverageUnitPrice, bool Suppressed);

/// <summary>Supply (enterprises declaring the domain, and their annotators) against demand (published demands and budget) in a domain.</summary>
public sealed record SupplyAndDemand(string Domain, string NameZh, long Enterprises, long Annotators, long DemandsPublished, decimal Budget);

/// <summary>The figures of a region since the registry began, as far as the statistics projection has reached (<see cref="AsOf"/>).</summary>
public sealed record StatisticsOverview(AsOf AsOf, string Region, string RegionNameZh, bool Published, EnterpriseFigures Enterprises,
    TalentFigures Talent, long CatalogEntries, DemandFigures Demands, ContractFigures Contracts, DisputeFigures Disputes,
    IReadOnlyList<UnitPrice> UnitPrices, IReadOnlyList<SupplyAndDemand> SupplyAndDemand) : ICsvTable
{
    public string CsvName => $"overview-{Region}";

    public async Task WriteCsvAsync(CsvWriter csv)
    {
        await csv.WriteHeaderAsync("section", "key", "value");
        async Task Row(string section, string key, decimal? value) =>
            await csv.WriteRowAsync([CsvCell.Text(section), CsvCell.Text(key), value is { } v ? CsvCell.Number(v) : CsvCell.Text(null)]);
        await Row("enterprises", "registered", Enterprises.Registered);
        foreach (var g in Enterprises.ActiveByGrade) await Row("active_certificates_by_grade", g.Code, g.Number);
        foreach (var s in Enterprises.CertificatesByStatus) await Row("certificates_by_status", s.Code, s.Number);
        foreach (var d in Enterprises.ByDesignation) await Row("enterprises_by_designation", d.Code, d.Number);
        await Row("talent", "annotators", Talent.Annotators);
        foreach (var l in Talent.ByLevel) await Row("talent_by_level", l.Code, l.Number);
        await Row("catalog", "published_entries", CatalogEntries);
        await Row("demands", "published", Demands.Published);
        await Row("demands", "budget", Demands.Budget);
        await Row("demands", "awarded", Demands.Awarded);
        await Row("demands", "awarded_value", Demands.AwardedValue);
        await Row("demands", "unsuccessful", Demands.Unsuccessful);
        await Row("demands", "cancelled", Demands.Cancelled);
        await Row("demands", "opened", Demands.Opened);
        await Row("demands", "bids_opened", Demands.BidsOpened);
        await Row("demands", "bids_per_demand", Demands.BidsPerDemand);
        await Row("demands", "invitations_sent", Demands.InvitationsSent);
        await Row("contracts", "completed", Contracts.Completed);
        await Row("contracts", "on_time", Contracts.OnTime);
        await Row("contracts", "deliveries_accepted", Contracts.DeliveriesAccepted);
        await Row("contracts", "deliveries_rejected", Contracts.DeliveriesRejected);
        await Row("contracts", "terminated", Contracts.Terminated);
        await Row("disputes", "challenges_filed", Disputes.ChallengesFiled);
        await Row("disputes", "complaints_filed", Disputes.ComplaintsFiled);
        await Row("disputes", "complaints_upheld", Disputes.ComplaintsUpheld);
        await Row("disputes", "awards_annulled", Disputes.AwardsAnnulled);
        foreach (var p in UnitPrices) await Row("average_unit_price", $"{p.Modality}/{p.Unit}", p.AverageUnitPrice);
        foreach (var s in SupplyAndDemand)
        {
            await Row("supply_enterprises", s.Domain, s.Enterprises);
            await Row("supply_annotators", s.Domain, s.Annotators);
            await Row("demand_published", s.Domain, s.DemandsPublished);
            await Row("demand_budget", s.Domain, s.Budget);
        }
    }
}

/// <summary>
/// The overview of a region's industry (动态监测): enterprises, talent, catalog, demands, bids, contracts, prices, supply and demand.
/// Regulators read their jurisdiction, the operator any region; anyone else reads the published national overview, in which no
/// figure rests on fewer than <see cref="StatisticsReads.SmallCell"/> demands, awards, invitations or deliveries.
/// </summary>
[Public]
public sealed record GetStatisticsOverview(string? Region) : IQuery<StatisticsOverview>;

public sealed class GetStatisticsOverviewValidator : AbstractValidator<GetStatisticsOverview>
{
    public GetStatisticsOverviewValidator(RegionDirectory regions) => RuleFor(x => x.Region).KnownRegion(regions).When(x => x.Region is not null);
}

internal sealed class GetStatisticsOverviewHandler(IReadDb db, ICaller caller, RegionDirectory regions, StatisticsOverviewCache cache)
    : IRequestHandler<GetStatisticsOverview, StatisticsOverview>
{
    public async Task<StatisticsOverview> Handle(GetStatisticsOverview q, CancellationToken ct)
    {
        var supervises = StatisticsReads.Supervises(caller);
        var region = supervises ? StatisticsReads.RegionFor(caller, q.Region)
            : q.Region is null or RegionCode.National ? RegionCode.National : throw new NotFound("region", q.Region);
        var asOf = await StatisticsReads.AsOfAsync(db, ct);
        if (cache.Get(region, supervises, asOf) is { } unchanged) return unchanged;
        var answer = await ReadAsync(region, supervises, asOf, ct);
        cache.Put(region, supervises, answer);
        return answer;
    }

    private async Task<StatisticsOverview> ReadAsync(string region, bool supervises, AsOf asOf, CancellationToken ct)
    {
        var scope = new { scope = RegionScope.Of(region), region };

        var grades = await CountsAsync(ActiveByGradeSql, scope, ct);
        var statuses = await CountsAsync(CertificatesByStatusSql, scope, ct);
        var designations = await CountsAsync(ByDesignationSql, scope, ct);
        var enterprises = new EnterpriseFigures(await db.ScalarAsync<long>(EnterprisesSql, scope, ct), grades, statuses, designations);

        var levels = (await CountsAsync(TalentSql, scope, ct)).ToDictionary(l => l.Code, l => l.Number);
        var byLevel = SkillLevels.All.Select(l => new CountBy(l.Code, levels.GetValueOrDefault(l.Code))).ToList();
        var talent = new TalentFigures(byLevel.Sum(l => l.Number), byLevel);

        var f = await db.QuerySingleOrDefaultAsync<FlowTotals>(FlowTotalsSql, scope, ct) ?? new FlowTotals();
        bool Shown(long basis) => supervises || basis >= StatisticsReads.SmallCell;
        var demands = new DemandFigures(f.DemandsPublished, f.BudgetPublished, f.DemandsAwarded, f.AwardedValue, f.DemandsUnsuccessful,
            f.DemandsCancelled, f.DemandsOpened, Shown(f.DemandsOpened) ? f.BidsOpened : null,
            Shown(f.DemandsOpened) ? StatisticsReads.Ratio(f.BidsOpened, f.DemandsOpened) : null,
            Shown(f.InvitationsSent) ? f.InvitationsSent : null);
        var contracts = new ContractFigures(f.ContractsCompleted, f.ContractsOnTime, f.DeliveriesAccepted,
            Shown(f.DeliveriesRejected) ? f.DeliveriesRejected : null, f.ContractsTerminated);
        long? Counted(long figure) => Shown(figure) ? figure : null;
        var disputes = new DisputeFigures(Counted(f.ChallengesFiled), Counted(f.ComplaintsFiled), Counted(f.ComplaintsUpheld), Counted(f.AwardsAnnulled));

        var prices = (await db.QueryAsync<PriceRow>(UnitPricesSql, scope, ct))
            .Select(p => Shown(p.Awards)
                ? new UnitPrice(p.Modality, p.VolumeUnit, p.Awards, StatisticsReads.Ratio(p.AwardedValue, p.AwardedVolume), false)
                : new UnitPrice(p.Modality, p.VolumeUnit, p.Awards, null, true))
            .ToList();

        var supply = (await db.QueryAsync<SupplyRow>(SupplySql, scope, ct)).ToDictionary(s => s.Domain);
        var demand = (await db.QueryAsync<DemandRow>(DemandByDomainSql, scope, ct)).ToDictionary(d => d.Domain);
        var balance = supply.Keys.Union(demand.Keys).Order(StringComparer.Ordinal)
            .Select(d => new SupplyAndDemand(d, StatisticsReads.NameOf(IndustryDomains.All, d), supply.GetValueOrDefault(d)?.Enterprises ?? 0,
                supply.GetValueOrDefault(d)?.Annotators ?? 0, demand.GetValueOrDefault(d)?.DemandsPublished ?? 0,
                demand.GetValueOrDefault(d)?.BudgetPublished ?? 0))
            .ToList();

        return new StatisticsOverview(asOf, region, StatisticsReads.RegionName(regions, region), !supervises, enterprises, talent,
            await db.ScalarAsync<long>(CatalogSql, scope, ct), demands, contracts, disputes, prices, balance);
    }

    private async Task<List<CountBy>> CountsAsync(Sql sql, object scope, CancellationToken ct) =>
        (await db.QueryAsync<CodeCount>(sql, scope, ct)).Select(c => new CountBy(c.Code, c.Number)).ToList();

    private sealed class CodeCount
    {
        public string Code { get; init; } = "";
        public long Number { get; init; }
    }

    private sealed class FlowTotals
    {
        public long DemandsPublished { get; init; }
        public decimal BudgetPublished { get; init; }
        public long DemandsOpened { get; init; }
        public long BidsOpened { get; init; }
        public long InvitationsSent { get; init; }
        public long DemandsAwarded { get; init; }
        public decimal AwardedValue { get; init; }
        public long DemandsUnsuccessful { get; init; }
        public long DemandsCancelled { get; init; }
        public long DeliveriesAccepted { get; init; }
        public long ContractsOnTime { get; init; }
        public long DeliveriesRejected { get; init; }
        public long ContractsCompleted { get; init; }
        public long ContractsTerminated { get; init; }
        public long ChallengesFiled { get; init; }
        public long ComplaintsFiled { get; init; }
        public long ComplaintsUpheld { get; init; }
        public long AwardsAnnulled { get; init; }
    }

    private sealed class PriceRow
    {
        public string Modality { get; init; } = "";
        public string VolumeUnit { get; init; } = "";
        public long Awards { get; init; }
        public decimal AwardedValue { get; init; }
        public decimal AwardedVolume { get; init; }
    }

    private sealed class SupplyRow
    {
        public string Domain { get; init; } = "";
        public long Enterprises { get; init; }
        public long Annotators { get; init; }
    }

    private sealed class DemandRow
    {
        public string Domain { get; init; } = "";
        public long DemandsPublished { get; init; }
        public decimal BudgetPublished { get; init; }
    }

    private static readonly string InScope = RegionScope.Sql("region_code");

    private static readonly Sql EnterprisesSql = new($"select count(*) from stats_enterprises where {InScope}");

    private static readonly Sql ActiveByGradeSql = new($"""
        select cast(grade as varchar(10)) as code, count(*) as number from stats_certificates where {InScope} and status = 'active'
        group by grade order by grade
        """);

    private static readonly Sql CertificatesByStatusSql = new($"""
        select status as code, count(*) as number from stats_certificates where {InScope} and status <> 'superseded' group by status order by status
        """);

    private static readonly Sql ByDesignationSql = new($"""
        select d.designation as code, count(*) as number
        from stats_enterprise_designations d join stats_enterprises e on e.enterprise_id = d.enterprise_id
        where {RegionScope.Sql("e.region_code")} group by d.designation order by d.designation
        """);

    private static readonly Sql TalentSql = new($"""
        select t.skill_level as code, sum(t.annotators) as number
        from stats_enterprise_talent t join stats_enterprises e on e.enterprise_id = t.enterprise_id
        where {RegionScope.Sql("e.region_code")} group by t.skill_level
        """);

    private static readonly Sql CatalogSql = new($"select count(*) from stats_catalog where {InScope} and status = 'published'");

    private static readonly Sql FlowTotalsSql = new($"""
        select coalesce(sum(demands_published), 0) as demands_published, coalesce(sum(budget_published), 0) as budget_published,
            coalesce(sum(demands_opened), 0) as demands_opened, coalesce(sum(bids_opened), 0) as bids_opened,
            coalesce(sum(invitations_sent), 0) as invitations_sent, coalesce(sum(demands_awarded), 0) as demands_awarded,
            coalesce(sum(awarded_value), 0) as awarded_value, coalesce(sum(demands_unsuccessful), 0) as demands_unsuccessful,
            coalesce(sum(demands_cancelled), 0) as demands_cancelled, coalesce(sum(deliveries_accepted), 0) as deliveries_accepted,
            coalesce(sum(contracts_on_time), 0) as contracts_on_time, coalesce(sum(deliveries_rejected), 0) as deliveries_rejected,
            coalesce(sum(contracts_completed), 0) as contracts_completed, coalesce(sum(contracts_terminated), 0) as contracts_terminated,
            coalesce(sum(challenges_filed), 0) as challenges_filed, coalesce(sum(complaints_filed), 0) as complaints_filed,
            coalesce(sum(complaints_upheld), 0) as complaints_upheld, coalesce(sum(awards_annulled), 0) as awards_annulled
        from stats_demand_rollup where region_code = @region
        """);

    private static readonly Sql UnitPricesSql = new($"""
        select modality, volume_unit, sum(demands_awarded) as awards, sum(awarded_value) as awarded_value, sum(awarded_volume) as awarded_volume
        from stats_demand_rollup where region_code = @region
        group by modality, volume_unit having sum(demands_awarded) > 0 order by modality, volume_unit
        """);

    // An enterprise counts under each domain it declares; its annotators are those of every skill level.
    private static readonly Sql SupplySql = new($"""
        select d.domain, count(*) as enterprises, coalesce(sum(t.annotators), 0) as annotators
        from stats_enterprise_domains d join stats_enterprises e on e.enterprise_id = d.enterprise_id
        left join (select enterprise_id, sum(annotators) as annotators from stats_enterprise_talent group by enterprise_id) t
            on t.enterprise_id = e.enterprise_id
        where {RegionScope.Sql("e.region_code")} group by d.domain
        """);

    private static readonly Sql DemandByDomainSql = new($"""
        select domain, sum(demands_published) as demands_published, sum(budget_published) as budget_published
        from stats_demand_rollup where region_code = @region group by domain
        """);
}
