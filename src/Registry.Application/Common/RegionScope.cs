using Registry.Domain.Regions;

namespace Registry.Application.Common;

/// <summary>
/// A region and everything within it, as <see cref="RegionCode.IsWithin"/> defines it, held as the range of six-digit codes it
/// spans: the nation 000000..999999, a province 510000..519999, a city only itself, nobody an empty range. Every list and
/// aggregate confined by region filters with <see cref="Sql"/>, which any provider answers from the column's index.
/// </summary>
public sealed record RegionScope
{
    private RegionScope(string low, string high) => (Low, High) = (low, high);

    /// <summary>The lowest code within the scope.</summary>
    public string Low { get; }

    /// <summary>The highest code within the scope; below <see cref="Low"/> when the scope is empty.</summary>
    public string High { get; }

    public static RegionScope Everything { get; } = new(RegionCode.National, "999999");

    public static RegionScope Nothing { get; } = new("999999", RegionCode.National);

    /// <summary>The region <paramref name="code"/> and everything within it; nothing for no code.</summary>
    public static RegionScope Of(string? code) => code switch
    {
        null => Nothing,
        RegionCode.National => Everything,
        { Length: 6 } when code.EndsWith("0000", StringComparison.Ordinal) => new(code, code[..2] + "9999"),
        _ => new(code, code),
    };

    /// <summary>An optional region filter of a list: everything when none is given.</summary>
    public static RegionScope Filter(string? code) => code is null ? Everything : Of(code);

    public bool IsEverything => this == Everything;

    public bool IsNothing => string.CompareOrdinal(Low, High) > 0;

    public bool Contains(string? code) =>
        code is not null && string.CompareOrdinal(Low, code) <= 0 && string.CompareOrdinal(code, High) <= 0;

    /// <summary>What lies in both scopes: scopes are nested or disjoint, so the overlap of the ranges is one of them or nothing.</summary>
    public RegionScope Intersect(RegionScope other)
    {
        var low = string.CompareOrdinal(Low, other.Low) >= 0 ? Low : other.Low;
        var high = string.CompareOrdinal(High, other.High) <= 0 ? High : other.High;
        return string.CompareOrdinal(low, high) > 0 ? Nothing : new(low, high);
    }

    /// <summary>
    /// The condition "<paramref name="column"/> lies within the scope" on the parameters <c>@{name}Low</c> and <c>@{name}High</c>,
    /// which <see cref="SqlParameters.Of"/> makes of a <see cref="RegionScope"/> property called <paramref name="name"/>.
    /// </summary>
    public static string Sql(string column, string name = "scope") => $"{column} between @{name}Low and @{name}High";

    public override string ToString() => IsNothing ? "nothing" : $"{Low}..{High}";
}
