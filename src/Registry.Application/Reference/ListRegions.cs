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
            .WithMessage(_ => Texts.Get("validation.parent_region"));
        RuleFor(x => x.Level).Must(l => l is "province" or "city").When(x => x.Level is not null)
            .WithMessage(_ => Texts.Get("validation.region_level"));
    }
}

internal sealed class ListRegionsHandler(IReadDb db, RegionDirectory regions) : IRequestHandler<ListRegions, IReadOnlyList<RegionView>>
{
    public async Task<IReadOnlyList<RegionView>> Handle(ListRegions query, CancellationToken ct)
    {
        if (query.Parent is not null && !regions.Exists(query.Parent)) throw new NotFound("region", query.Parent);
        return await db.QueryAsync<RegionView>(ListSql, new { parent = query.Parent, level = query.Level }, ct);
    }

    private static readonly Sql ListSql = new("""
        select code, name_zh, name_en, level, parent_code from regions
        where (@parent is null or parent_code = @parent) and (@level is null or level = @level)
        order by code
        """);
}
