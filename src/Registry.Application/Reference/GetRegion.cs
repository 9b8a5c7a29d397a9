using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Regions;

namespace Registry.Application.Reference;

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
        RuleFor(x => x.Code).Must(RegionCode.IsWellFormed!).WithMessage(_ => Texts.Get("validation.region_code_digits"));
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
