namespace Registry.Domain.Regions;

/// <summary>Level of an administrative division the registry keeps: province-level (省级) or prefecture-level (地级).</summary>
public enum RegionLevel
{
    Province,
    City,
}

/// <summary>An administrative division of GB/T 2260.</summary>
public sealed record Region(string Code, string NameZh, string? NameEn, RegionLevel Level, string? ParentCode);

/// <summary>The structure of a six-digit GB/T 2260 code: province 510000, city 510100; 000000 is the whole country.</summary>
public static class RegionCode
{
    /// <summary>The whole country: every region is within it (the national regulator's jurisdiction).</summary>
    public const string National = "000000";

    // The province-level pairs of GB/T 2260, including Taiwan (71), Hong Kong (81) and Macao (82).
    private static readonly HashSet<int> ProvincePairs =
        [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82];

    /// <summary>Six digits naming the nation, a province (<c>510000</c>) or a prefecture-level city (<c>510100</c>); counties are not kept.</summary>
    public static bool IsWellFormed(string? code)
    {
        if (code == National) return true;
        if (code is not { Length: 6 } || !code.All(char.IsAsciiDigit)) return false;
        return ProvincePairs.Contains((code[0] - '0') * 10 + (code[1] - '0')) && code[4..] == "00";
    }

    /// <summary>Province or city; the nation has no level of its own, so <see cref="National"/> and malformed codes throw.</summary>
    public static RegionLevel LevelOf(string code)
    {
        if (code == National || !IsWellFormed(code))
            throw new ArgumentException($"'{code}' is not a province or city code.", nameof(code));
        return code[2..] == "0000" ? RegionLevel.Province : RegionLevel.City;
    }

    /// <summary>The province of a city; null for a province and for the nation.</summary>
    public static string? ParentOf(string code) =>
        code != National && LevelOf(code) == RegionLevel.City ? ProvinceOf(code) : null;

    /// <summary>The province a code lies in (itself for a province).</summary>
    public static string ProvinceOf(string code) => code[..2] + "0000";

    /// <summary>The regions whose jurisdiction covers <paramref name="code"/>: the nation, its province and, for a city, the city itself.</summary>
    public static IReadOnlyList<string> Covering(string code) =>
        code == National ? [National] : ProvinceOf(code) == code ? [National, code] : [National, ProvinceOf(code), code];

    /// <summary>Whether <paramref name="code"/> is <paramref name="ancestorOrSelf"/> or lies below it, by code structure alone.</summary>
    public static bool IsWithin(string code, string ancestorOrSelf) =>
        ancestorOrSelf == National
        || code == ancestorOrSelf
        || (code != National && ancestorOrSelf.EndsWith("0000", StringComparison.Ordinal) && ProvinceOf(code) == ancestorOrSelf);
}

/// <summary>
/// The known regions, for checks that need existence as well as structure. The nation is always known, but has no
/// <see cref="Region"/> record: <see cref="Find"/> returns null for it and its children are the provinces.
/// </summary>
public sealed class RegionDirectory
{
    private readonly Dictionary<string, Region> _regions;
    private readonly ILookup<string, Region> _children;

    public RegionDirectory(IEnumerable<Region> regions)
    {
        _regions = regions.ToDictionary(r => r.Code, StringComparer.Ordinal);
        _children = _regions.Values.OrderBy(r => r.Code, StringComparer.Ordinal).ToLookup(r => r.ParentCode ?? RegionCode.National, StringComparer.Ordinal);
        Provinces = _regions.Values.Where(r => r.Level == RegionLevel.Province).OrderBy(r => r.Code, StringComparer.Ordinal).ToList();
    }

    public IReadOnlyList<Region> Provinces { get; }

    public Region? Find(string code) => _regions.GetValueOrDefault(code);

    public bool Exists(string? code) => code == RegionCode.National || (code is not null && _regions.ContainsKey(code));

    /// <summary>The regions directly below a code, ordered by code; the provinces for <see cref="RegionCode.National"/>.</summary>
    public IReadOnlyList<Region> Children(string parentCode) => _children[parentCode].ToList();

    public bool IsWithin(string code, string ancestorOrSelf) =>
        Exists(code) && Exists(ancestorOrSelf) && RegionCode.IsWithin(code, ancestorOrSelf);

    /// <summary>Null when the code names a known region; otherwise why not.</summary>
    public string? Problem(string? code) =>
        !RegionCode.IsWellFormed(code) ? $"Malformed region code '{code}': a GB/T 2260 code has six digits, such as 510000 or 510100."
        : !Exists(code) ? $"Unknown region code {code}."
        : null;

    /// <summary>Null when the code names a known province or city; otherwise why not (the whole country is neither).</summary>
    public string? ProvinceOrCityProblem(string? code) =>
        code == RegionCode.National ? $"Region code {RegionCode.National} is the whole country; give a province or city, such as 510000 or 510100."
        : Problem(code);
}
