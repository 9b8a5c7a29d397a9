using System.Globalization;
using FluentValidation;
using Registry.Application.Common;
using Registry.Application.Statistics.Projections;
using Registry.Domain.Access;
using Registry.Domain.Reference;
using Registry.Domain.Regions;
using Registry.Domain.Time;

namespace Registry.Application.Statistics;

/// <summary>How far the figures reach: the last outbox sequence the statistics projection applied, and when that event was committed.</summary>
public sealed record AsOf(long Sequence, DateTimeOffset? CommittedAt);

/// <summary>An answer that is also a table: written as CSV when the caller asks for <c>text/csv</c>.</summary>
public interface ICsvTable
{
    /// <summary>A file name for the download, without extension.</summary>
    string CsvName { get; }

    Task WriteCsvAsync(CsvWriter csv);
}

/// <summary>Settings of industry monitoring (<c>Statistics:*</c>).</summary>
public sealed class StatisticsOptions
{
    /// <summary>The yearly growth the national policy aims at (more than 20% a year to 2027): the line market growth is compared to.</summary>
    public decimal PolicyGrowthTarget { get; set; } = 0.20m;
}

/// <summary>What the statistics queries share: who reads which region, the projection's position, the small-cell rule, names.</summary>
public static class StatisticsReads
{
    /// <summary>
    /// The fewest demands, awards, invitations or deliveries a published figure may rest on: below it a figure built from
    /// sealed bids, invitations or prices could point at one enterprise's bid, so the public sees null instead.
    /// </summary>
    public const int SmallCell = 3;

    /// <summary>
    /// The region the caller reads: the operator any (the nation when none is named); a regulator its jurisdiction or a region
    /// within it (its jurisdiction when none is named), any other region not existing for it; nobody else any.
    /// </summary>
    public static string RegionFor(ICaller caller, string? requested)
    {
        if (caller.IsSystem || caller.Role == Roles.Admin) return requested ?? RegionCode.National;
        if (caller.Role != Roles.Regulator) throw new Forbidden("Statistics by region are for regulators and the operator.");
        var region = requested ?? caller.RegionCode ?? throw new Forbidden("This regulator has no jurisdiction.");
        return caller.Covers(region) ? region : throw new NotFound("region", region);
    }

    /// <summary>Whether the caller reads the full figures of a jurisdiction rather than the published national overview.</summary>
    public static bool Supervises(ICaller caller) => caller.IsSystem || caller.Role is Roles.Admin or Roles.Regulator;

    public static async Task<AsOf> AsOfAsync(IReadDb db, CancellationToken ct) =>
        await db.QuerySingleOrDefaultAsync<CursorRow>(AsOfSql, new { name = RegionActivityProjection.ProjectionName }, ct) is { } row
            ? new AsOf(row.Seq, row.EventAt)
            : new AsOf(0, null);

    private sealed class CursorRow
    {
        public long Seq { get; init; }
        public DateTimeOffset? EventAt { get; init; }
    }

    public static string RegionName(RegionDirectory regions, string code) =>
        code == RegionCode.National ? "全国" : regions.Find(code)?.NameZh ?? code;

    public static string NameOf(IReadOnlyList<ReferenceItem> list, string code) => list.FirstOrDefault(i => i.Code == code)?.NameZh ?? code;

    /// <summary>The current China-time month, as yyyy-MM.</summary>
    public static string MonthNow(TimeProvider clock) => Month(ChinaTime.Today(clock));

    public static string Month(DateOnly date) => date.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static bool IsMonth(string? value) =>
        DateOnly.TryParseExact(value + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    public static DateOnly FirstDay(string month) => DateOnly.ParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A ratio rounded for display; null without a denominator.</summary>
    public static decimal? Ratio(decimal numerator, decimal denominator) =>
        denominator == 0 ? null : Math.Round(numerator / denominator, 4, MidpointRounding.AwayFromZero);

#nullable disable annotations
    /// <summary>An optional month, yyyy-MM.</summary>
    public static IRuleBuilderOptions<T, string> OptionalMonth<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(m => m is null || IsMonth(m)).WithMessage(_ => Texts.Get("validation.month"));
#nullable restore annotations

    private static readonly Sql AsOfSql = new("select seq, event_at from projection_cursors where name = @name");
}
