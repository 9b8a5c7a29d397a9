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
