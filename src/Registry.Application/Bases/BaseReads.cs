namespace Registry.Application.Bases;

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
