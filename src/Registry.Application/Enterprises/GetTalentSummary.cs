using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Reference;
using Registry.Domain.Regions;

namespace Registry.Application.Enterprises;

public sealed record TalentLevel(string Level, string NameZh, string NameEn, int Annotators);

/// <summary>Talent of the AI trainer occupation (4-04-05-05) in a region or base, by skill level.</summary>
public sealed record TalentSummary(int Enterprises, int TotalStaff, int Annotators, IReadOnlyList<TalentLevel> ByLevel);

/// <summary>Talent figures (annotators per skill level) of the registered enterprises of a region (a province includes its cities) or a base.</summary>
[Public]
public sealed record GetTalentSummary(string? Region, Guid? BaseId) : IQuery<TalentSummary>;

public sealed class GetTalentSummaryValidator : AbstractValidator<GetTalentSummary>
{
    public GetTalentSummaryValidator(RegionDirectory regions) => RuleFor(x => x.Region).KnownRegion(regions).When(x => x.Region is not null);
}

internal sealed class GetTalentSummaryHandler(IReadDb db) : IRequestHandler<GetTalentSummary, TalentSummary>
{
    public async Task<TalentSummary> Handle(GetTalentSummary q, CancellationToken ct)
    {
        var filter = new { scope = RegionScope.Filter(q.Region), q.BaseId };
        var totals = await db.QuerySingleOrDefaultAsync<Totals>(TotalsSql, filter, ct) ?? new Totals();
        var levels = (await db.QueryAsync<LevelRow>(LevelsSql, filter, ct)).ToDictionary(l => l.SkillLevel, l => l.Annotators);
        var byLevel = SkillLevels.All.Select(l => new TalentLevel(l.Code, l.NameZh, l.NameEn, (int)levels.GetValueOrDefault(l.Code))).ToList();
        return new TalentSummary(totals.Enterprises, (int)(totals.TotalStaff ?? 0), byLevel.Sum(l => l.Annotators), byLevel);
    }

    private sealed class Totals
    {
        public int Enterprises { get; init; }
        public long? TotalStaff { get; init; }
    }

    private sealed class LevelRow
    {
        public string SkillLevel { get; init; } = "";
        public long Annotators { get; init; }
    }

    private static readonly string Where = $"""
        where {RegionScope.Sql("d.region_code")} and (@baseId is null or d.base_id = @baseId)
        """;

    private static readonly Sql TotalsSql = new($"select count(*) as enterprises, sum(d.total_staff) as total_staff from enterprise_directory d {Where}");

    private static readonly Sql LevelsSql = new($"""
        select t.skill_level, sum(t.annotators) as annotators
        from enterprise_talent t join enterprise_directory d on d.enterprise_id = t.enterprise_id
        {Where}
        group by t.skill_level
        """);
}
