using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Regions;

namespace Registry.Application.Reference;

/// <summary>An administrative division of GB/T 2260 (province- or prefecture-level).</summary>
public sealed record RegionView
{
    public required string Code { get; init; }
    public required string NameZh { get; init; }
    public string? NameEn { get; init; }
    public required string Level { get; init; }
    public string? ParentCode { get; init; }
}

/// <summary>Lists regions: the children of <see cref="Parent"/>, or every region of one level, or all.</summary>
[Public]
public sealed record ListRegions(string? Parent, string? Level) : IQuery<IReadOnlyList<RegionView>>;

public sealed class ListRegionsValidator : AbstractValidator<ListRegions>
{
    public ListRegionsValidator()
    {
        RuleFor(x => x.Parent).Must(RegionCode.IsWellFormed!).When(x => x.Parent is not null)
            .WithMessage("'parent' must be a six-digit GB/T 2260 region code, e.g. 510000.");
        RuleFor(x => x.Level).Must(l => l is "province" or "city").When(x => x.Level is not null)
            .WithMessage("'level' must be 'province' or 'city'.");
    }
}

internal sealed class ListRegionsHandler(IReadDb db) : IRequestHandler<ListRegions, IReadOnlyList<RegionView>>
{
    public async Task<IReadOnlyList<RegionView>> Handle(ListRegions query, CancellationToken ct)
    {
        if (query.Parent is not null && await db.ScalarAsync<int>(RegionQueries.ExistsSql, new { code = query.Parent }, ct) == 0)
            throw new NotFound("region", query.Parent);
        return await db.QueryAsync<RegionView>(ListSql, new { parent = query.Parent, level = query.Level }, ct);
    }

    private static readonly Sql ListSql = new("""
        select code, name_zh, name_en, level, parent_code from regions
        where (@parent is null or parent_code = @parent) and (@level is null or level = @level)
        order by code
        """);
}

/// <summary>Reads one region with its parent.</summary>
[Public]
public sealed record GetRegion(string Code) : IQuery<RegionDetail>;

/// <summary>A region with its parent's name and the number of regions directly below it.</summary>
public sealed record RegionDetail
{
    public required string Code { get; init; }
    public required string NameZh { get; init; }
    public string? NameEn { get; init; }
    public required string Level { get; init; }
    public string? ParentCode { get; init; }
    public string? ParentNameZh { get; init; }
    public int ChildCount { get; init; }
}

public sealed class GetRegionValidator : AbstractValidator<GetRegion>
{
    public GetRegionValidator() =>
        RuleFor(x => x.Code).Must(RegionCode.IsWellFormed!).WithMessage("A region code has six digits, e.g. 510100.");
}

internal sealed class GetRegionHandler(IReadDb db) : IRequestHandler<GetRegion, RegionDetail>
{
    public async Task<RegionDetail> Handle(GetRegion query, CancellationToken ct) =>
        await db.QuerySingleOrDefaultAsync<RegionDetail>(GetSql, new { query.Code }, ct)
        ?? throw new NotFound("region", query.Code);

    private static readonly Sql GetSql = new("""
        select r.code, r.name_zh, r.name_en, r.level, r.parent_code, p.name_zh as parent_name_zh,
            (select count(*) from regions c where c.parent_code = r.code) as child_count
        from regions r left join regions p on p.code = r.parent_code
        where r.code = @code
        """);
}

internal static class RegionQueries
{
    public static readonly Sql ExistsSql = new("select count(*) from regions where code = @code");
}
