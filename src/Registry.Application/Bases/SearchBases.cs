using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Regions;

namespace Registry.Application.Bases;

/// <summary>A data labeling base (数据标注基地) as the directory lists it.</summary>
public sealed record BaseSummary
{
    public required Guid Id { get; init; }
    public required string Code { get; init; }
    public required string NameZh { get; init; }
    public string? NameEn { get; init; }
    /// <summary>national or provincial.</summary>
    public required string Level { get; init; }
    public required string RegionCode { get; init; }
    public required string RegionNameZh { get; init; }
    public required string ProvinceCode { get; init; }
    public required string ProvinceNameZh { get; init; }
    /// <summary>Published focus of the base, in Chinese and English; empty where none was published.</summary>
    public string? FocusZh { get; init; }
    public string? FocusEn { get; init; }
    public IReadOnlyList<string> FocusDomains { get; init; } = [];
    public int EnterpriseCount { get; init; }
    /// <summary>Row version: send it back as If-Match to update.</summary>
    public long Version { get; init; }
}

/// <summary>Lists the data labeling bases, optionally within a region (a province includes its cities) or of one level.</summary>
[Public]
public sealed record SearchBases(string? Region, string? Level, int Page = 1, int PageSize = Paging.DefaultPageSize)
    : IQuery<Page<BaseSummary>>, IPaged;

public sealed class SearchBasesValidator : AbstractValidator<SearchBases>
{
    public SearchBasesValidator()
    {
        this.RulesForPaging();
        RuleFor(x => x.Region).Must(RegionCode.IsWellFormed!).When(x => x.Region is not null)
            .WithMessage("'region' must be a six-digit GB/T 2260 region code, e.g. 510000.");
        RuleFor(x => x.Level).Must(l => l is "national" or "provincial").When(x => x.Level is not null)
            .WithMessage("'level' must be 'national' or 'provincial'.");
    }
}

internal sealed class SearchBasesHandler(IReadDb db) : IRequestHandler<SearchBases, Page<BaseSummary>>
{
    public async Task<Page<BaseSummary>> Handle(SearchBases query, CancellationToken ct)
    {
        var filter = new { region = query.Region, level = query.Level };
        var total = await db.ScalarAsync<int>(CountSql, filter, ct);
        var rows = await db.QueryAsync<BaseRow>(PageSql, new { filter.region, filter.level, offset = (query.Page - 1) * query.PageSize, limit = query.PageSize }, ct);
        return new Page<BaseSummary>(rows.Select(r => r.ToSummary()).ToList(), total, query.Page, query.PageSize);
    }

    private const string Where = """
        where (@region is null or region_code = @region or province_code = @region)
          and (@level is null or level = @level)
        """;

    private static readonly Sql CountSql = new($"select count(*) from base_directory {Where}");

    private static readonly Sql PageSql = new(d => $"""
        select {BaseRow.Columns} from base_directory {Where}
        order by case when level = 'national' then 0 else 1 end, region_code, code {d.Page}
        """);
}

/// <summary>Reads one base of the directory.</summary>
[Public]
public sealed record GetBase(Guid Id) : IQuery<BaseSummary>;

internal sealed class GetBaseHandler(IReadDb db) : IRequestHandler<GetBase, BaseSummary>
{
    public async Task<BaseSummary> Handle(GetBase query, CancellationToken ct) =>
        (await db.QuerySingleOrDefaultAsync<BaseRow>(GetSql, new { query.Id }, ct))?.ToSummary()
        ?? throw new NotFound("base", query.Id);

    private static readonly Sql GetSql = new($"select {BaseRow.Columns} from base_directory where id = @id");
}

/// <summary>A row of the <c>base_directory</c> read model.</summary>
internal sealed class BaseRow
{
    public const string Columns = """
        id, code, name_zh, name_en, level, region_code, region_name_zh, province_code, province_name_zh,
        focus_zh, focus_en, focus_domains, enterprise_count, version
        """;

    public Guid Id { get; init; }
    public string Code { get; init; } = "";
    public string NameZh { get; init; } = "";
    public string? NameEn { get; init; }
    public string Level { get; init; } = "";
    public string RegionCode { get; init; } = "";
    public string RegionNameZh { get; init; } = "";
    public string ProvinceCode { get; init; } = "";
    public string ProvinceNameZh { get; init; } = "";
    public string? FocusZh { get; init; }
    public string? FocusEn { get; init; }
    public string? FocusDomains { get; init; }
    public int EnterpriseCount { get; init; }
    public long Version { get; init; }

    public BaseSummary ToSummary() => new()
    {
        Id = Id,
        Code = Code,
        NameZh = NameZh,
        NameEn = NameEn,
        Level = Level,
        RegionCode = RegionCode,
        RegionNameZh = RegionNameZh,
        ProvinceCode = ProvinceCode,
        ProvinceNameZh = ProvinceNameZh,
        FocusZh = FocusZh,
        FocusEn = FocusEn,
        FocusDomains = string.IsNullOrEmpty(FocusDomains) ? [] : FocusDomains.Split(','),
        EnterpriseCount = EnterpriseCount,
        Version = Version,
    };
}
