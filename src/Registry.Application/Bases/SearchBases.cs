using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Regions;

namespace Registry.Application.Bases;

/// <summary>Lists the data labeling bases, optionally within a region (a province includes its cities) or of one level.</summary>
[Public]
public sealed record SearchBases(string? Region, string? Level, int Page = 1, int PageSize = Paging.DefaultPageSize)
    : IQuery<Page<BaseSummary>>, IPaged;

public sealed class SearchBasesValidator : AbstractValidator<SearchBases>
{
    public SearchBasesValidator(RegionDirectory regions)
    {
        this.RulesForPaging();
        RuleFor(x => x.Region).KnownRegion(regions).When(x => x.Region is not null);
        RuleFor(x => x.Level).Must(Registry.Domain.Bases.BaseLevels.IsKnown).When(x => x.Level is not null)
            .WithMessage(_ => Texts.Get("validation.base_level"));
    }
}

internal sealed class SearchBasesHandler(IReadDb db) : IRequestHandler<SearchBases, Page<BaseSummary>>
{
    public async Task<Page<BaseSummary>> Handle(SearchBases query, CancellationToken ct)
    {
        var filter = new { scope = RegionScope.Filter(query.Region), level = query.Level };
        var total = await db.ScalarAsync<int>(CountSql, filter, ct);
        var rows = await db.QueryAsync<BaseRow>(PageSql, new { filter.scope, filter.level, offset = (query.Page - 1) * query.PageSize, limit = query.PageSize }, ct);
        return new Page<BaseSummary>(rows.Select(r => r.ToSummary()).ToList(), total, query.Page, query.PageSize);
    }

    private static readonly string Where = $"""
        where {RegionScope.Sql("region_code")}
          and (@level is null or level = @level)
        """;

    private static readonly Sql CountSql = new($"select count(*) from base_directory {Where}");

    private static readonly Sql PageSql = new(d => $"""
        select {BaseRow.Columns} from base_directory {Where}
        order by case when level = 'national' then 0 else 1 end, region_code, code {d.Page}
        """);
}
