using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;
using Registry.Domain.Reference;
using Registry.Domain.Regions;

namespace Registry.Application.Statistics;

public sealed record TalentLevelFigure(string Level, string NameZh, long Annotators);

/// <summary>Enterprises and annotators of one region below the one asked for (a province of the nation, a city of a province).</summary>
public sealed record TalentRegionFigure(string RegionCode, string NameZh, long Enterprises, long Annotators);

/// <summary>Talent of the AI trainer occupation (4-04-05-05) in a region: annotators per skill level, and per region one level down.</summary>
public sealed record TalentStatistics(AsOf AsOf, string Region, long Enterprises, long Annotators, IReadOnlyList<TalentLevelFigure> ByLevel,
    IReadOnlyList<TalentRegionFigure> ByRegion) : ICsvTable
{
    public string CsvName => $"talent-{Region}";

    public async Task WriteCsvAsync(CsvWriter csv)
    {
        await csv.WriteHeaderAsync("region_code", "name", "enterprises", "annotators");
        foreach (var r in ByRegion)
            await csv.WriteRowAsync([CsvCell.Text(r.RegionCode), CsvCell.Text(r.NameZh), CsvCell.Number(r.Enterprises), CsvCell.Number(r.Annotators)]);
        await csv.WriteHeaderAsync("skill_level", "name", "annotators");
        foreach (var l in ByLevel) await csv.WriteRowAsync([CsvCell.Text(l.Level), CsvCell.Text(l.NameZh), CsvCell.Number(l.Annotators)]);
    }
}

/// <summary>The talent of the enterprises registered in a region, from the statistics projection.</summary>
[AllowedFor(Roles.Regulator, Roles.Admin)]
public sealed record GetTalentStatistics(string? Region) : IQuery<TalentStatistics>;

public sealed class GetTalentStatisticsValidator : AbstractValidator<GetTalentStatistics>
{
    public GetTalentStatisticsValidator(RegionDirectory regions) => RuleFor(x => x.Region).KnownRegion(regions).When(x => x.Region is not null);
}

internal sealed class GetTalentStatisticsHandler(IReadDb db, ICaller caller, RegionDirectory regions) : IRequestHandler<GetTalentStatistics, TalentStatistics>
{
    public async Task<TalentStatistics> Handle(GetTalentStatistics q, CancellationToken ct)
    {
        var region = StatisticsReads.RegionFor(caller, q.Region);
        var scope = new { scope = RegionScope.Of(region) };
        var levels = (await db.QueryAsync<LevelRow>(LevelsSql, scope, ct)).ToDictionary(l => l.SkillLevel, l => l.Annotators);
        var byLevel = SkillLevels.All.Select(l => new TalentLevelFigure(l.Code, l.NameZh, levels.GetValueOrDefault(l.Code))).ToList();
        var rows = await db.QueryAsync<RegionRow>(ByRegionSql, scope, ct);
        // Cities report what sits in them; a province lists its cities, the nation its provinces.
        var byRegion = rows.GroupBy(r => region == RegionCode.National ? RegionCode.ProvinceOf(r.RegionCode) : r.RegionCode)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new TalentRegionFigure(g.Key, StatisticsReads.RegionName(regions, g.Key), g.Sum(r => r.Enterprises), g.Sum(r => r.Annotators)))
            .ToList();
        return new TalentStatistics(await StatisticsReads.AsOfAsync(db, ct), region, byRegion.Sum(r => r.Enterprises), byLevel.Sum(l => l.Annotators),
            byLevel, byRegion);
    }

    private sealed class LevelRow
    {
        public string SkillLevel { get; init; } = "";
        public long Annotators { get; init; }
    }

    private sealed class RegionRow
    {
        public string RegionCode { get; init; } = "";
        public long Enterprises { get; init; }
        public long Annotators { get; init; }
    }

    private static readonly Sql LevelsSql = new($"""
        select t.skill_level, sum(t.annotators) as annotators
        from stats_enterprise_talent t join stats_enterprises e on e.enterprise_id = t.enterprise_id
        where {RegionScope.Sql("e.region_code")} group by t.skill_level
        """);

    private static readonly Sql ByRegionSql = new($"""
        select e.region_code, count(*) as enterprises, coalesce(sum(t.annotators), 0) as annotators
        from stats_enterprises e
        left join (select enterprise_id, sum(annotators) as annotators from stats_enterprise_talent group by enterprise_id) t
            on t.enterprise_id = e.enterprise_id
        where {RegionScope.Sql("e.region_code")}
        group by e.region_code
        """);
}
