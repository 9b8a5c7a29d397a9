namespace Registry.Domain.Regions;

/// <summary>Level of an administrative division: the nation, province-level (省级) or prefecture-level (地级).</summary>
public enum RegionLevel
{
    National,
    Province,
    City,
}

/// <summary>An administrative division of GB/T 2260.</summary>
public sealed record Region(string Code, string NameZh, string? NameEn, RegionLevel Level, string? ParentCode);

/// <summary>The structure of a six-digit GB/T 2260 code: province 510000, city 510100.</summary>
public static class RegionCode
{
    /// <summary>The whole country: every region is within it (the national regulator's jurisdiction).</summary>
    public const string National = "000000";

    public static bool IsWellFormed(string? code)
    {
        if (code == National) return true;
        if (code is not { Length: 6 } || !code.All(char.IsAsciiDigit)) return false;
        var province = int.Parse(code.AsSpan(0, 2), System.Globalization.CultureInfo.InvariantCulture);
        if (province is < 11 or > 82) return false;
        return code[4..] == "00";
    }

    public static RegionLevel LevelOf(string code) =>
        code == National ? RegionLevel.National
        : code.EndsWith("0000", StringComparison.Ordinal) ? RegionLevel.Province : RegionLevel.City;

    /// <summary>The province of a city; null for a province.</summary>
    public static string? ParentOf(string code) => LevelOf(code) switch
    {
        RegionLevel.City => ProvinceOf(code),
        RegionLevel.Province => National,
        _ => null,
    };

    public static string ProvinceOf(string code) => code[..2] + "0000";

    /// <summary>Whether <paramref name="code"/> is <paramref name="ancestorOrSelf"/> or lies below it, by code structure.</summary>
    public static bool IsWithin(string code, string ancestorOrSelf) =>
        ancestorOrSelf == National
        || code == ancestorOrSelf
        || (LevelOf(ancestorOrSelf) == RegionLevel.Province && ProvinceOf(code) == ancestorOrSelf);
}

/// <summary>The known regions, for checks that need existence as well as structure.</summary>
public sealed class RegionDirectory
{
    private readonly Dictionary<string, Region> _regions;

    public RegionDirectory(IEnumerable<Region> regions) => _regions = regions.ToDictionary(r => r.Code);

    public Region? Find(string code) => _regions.GetValueOrDefault(code);

    public bool Exists(string? code) => code is not null && _regions.ContainsKey(code);

    public IReadOnlyList<Region> Provinces => _regions.Values.Where(r => r.Level == RegionLevel.Province).OrderBy(r => r.Code, StringComparer.Ordinal).ToList();

    public IReadOnlyList<Region> Children(string parentCode) =>
        _regions.Values.Where(r => r.ParentCode == parentCode).OrderBy(r => r.Code, StringComparer.Ordinal).ToList();

    public bool IsWithin(string code, string ancestorOrSelf) =>
        Exists(code) && (ancestorOrSelf == RegionCode.National || Exists(ancestorOrSelf)) && RegionCode.IsWithin(code, ancestorOrSelf);

    /// <summary>Null when the code names a known region; otherwise why not.</summary>
    public string? Problem(string? code) =>
        !RegionCode.IsWellFormed(code) ? $"'{code}' is not a six-digit GB/T 2260 region code such as 510100."
        : !Exists(code) ? $"Unknown region code {code}."
        : null;
}
