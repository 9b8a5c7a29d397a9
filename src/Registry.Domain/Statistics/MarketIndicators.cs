namespace Registry.Domain.Statistics;

/// <summary>
/// The market indicators of industry monitoring, as economists define them: growth year over year, compound annual growth
/// over a span, and concentration (top-n share, Herfindahl–Hirschman index) of award value among winning enterprises.
/// Undefined figures (no base to grow from, no value to share) are null, never zero.
/// </summary>
public static class MarketIndicators
{
    /// <summary>The share by which <paramref name="current"/> exceeds <paramref name="previous"/>: 0.25 is 25% growth; null without a base.</summary>
    public static decimal? YearOverYear(decimal previous, decimal current) =>
        previous <= 0 ? null : Round(current / previous - 1);

    /// <summary>
    /// The constant yearly rate that turns <paramref name="first"/> into <paramref name="last"/> over <paramref name="years"/> years:
    /// (last / first)^(1 / years) − 1; null when the span is empty or either end has no value.
    /// </summary>
    public static decimal? CompoundAnnualGrowth(decimal first, decimal last, int years)
    {
        if (years <= 0 || first <= 0 || last <= 0) return null;
        return Round((decimal)Math.Pow((double)(last / first), 1.0 / years) - 1);
    }

    /// <summary>The gap of a growth rate to the policy line (positive: above the line); null when the rate is undefined.</summary>
    public static decimal? GapToTarget(decimal? rate, decimal target) => rate is { } r ? Round(r - target) : null;

    /// <summary>The share of the total held by the <paramref name="n"/> largest values; null when nothing was awarded.</summary>
    public static decimal? TopShare(IEnumerable<decimal> values, int n)
    {
        var list = values.Where(v => v > 0).OrderByDescending(v => v).ToList();
        var total = list.Sum();
        return total <= 0 ? null : Round(list.Take(n).Sum() / total);
    }

    /// <summary>
    /// The Herfindahl–Hirschman index: the sum of the squared percentage shares, from near 0 (many small winners) to 10,000
    /// (one winner takes all); null when nothing was awarded. Above 2,500 is commonly read as highly concentrated.
    /// </summary>
    public static decimal? HerfindahlHirschman(IEnumerable<decimal> values)
    {
        var list = values.Where(v => v > 0).ToList();
        var total = list.Sum();
        if (total <= 0) return null;
        return Math.Round(list.Sum(v => (v * 100 / total) * (v * 100 / total)), 2, MidpointRounding.AwayFromZero);
    }

    private static decimal Round(decimal value) => Math.Round(value, 4, MidpointRounding.AwayFromZero);
}
