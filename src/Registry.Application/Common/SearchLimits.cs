using System.Globalization;
using Registry.Domain;

namespace Registry.Application.Common;

/// <summary>Bounds on what one search may cost the database, so that no anonymous query ties it up.</summary>
public static class SearchLimits
{
    /// <summary>
    /// A relevance order scores every match: beyond this many the newest-first order (which reads an index) answers, and the
    /// caller is told to narrow the search. Measured in docs/performance.md (board at 100,000 demands).
    /// </summary>
    public const int RankableMatches = 10_000;

    public static void EnsureRankable(int total)
    {
        if (total > RankableMatches)
            throw new BusinessRuleException("relevance_too_broad",
                string.Create(CultureInfo.InvariantCulture, $"{total:N0} items match; sort=relevance ranks at most {RankableMatches:N0}. Add a word or a filter, or sort by date."),
                total.ToString("N0", CultureInfo.InvariantCulture), RankableMatches.ToString("N0", CultureInfo.InvariantCulture));
    }
}
