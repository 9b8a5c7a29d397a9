using System.Collections.Concurrent;
using System.Globalization;
using System.Numerics;
using Registry.Domain.Demands;
using Registry.Domain.Enterprises;
using Registry.Domain.Reference;

namespace Registry.Domain.Matching;

/// <summary>
/// Every registered enterprise and every open demand in memory, compact enough to rank 100,000 suppliers in about a
/// millisecond without allocating per supplier (docs/matching.md, docs/performance.md). Eligibility is <see cref="BidEligibility"/>:
/// the index keeps, per condition of the rule, the set of suppliers (and of demands) that meet it as a bitmap, and
/// <see cref="EligibilityWords"/> combines them 64 at a time, so only the eligible and the near-misses are ever scored;
/// what the bitmaps cannot hold (a task type or security level outside the reference lists) is judged one by one with
/// <see cref="BidEligibility.Unmet"/>, and <see cref="BidEligibility.Problems"/> words what is reported. Ties are broken by the
/// higher certificate grade, then the enterprise id (or, for demands, the demand id), so a ranking is the same everywhere.
/// Not thread-safe: the caller serialises writes against reads.
/// </summary>
public sealed class SupplierIndex
{
    private static readonly Dictionary<string, int> DomainIndex =
        IndustryDomains.All.Select((d, i) => (d.Code, i)).ToDictionary(x => x.Code, x => x.i, StringComparer.Ordinal);

    private static readonly int Stride = DomainIndex.Count + 1;

    private readonly MatchWeights _weights;
    private readonly Shares _shares;
    private readonly int[] _noPairPoints;
    // One supplier per position across the arrays: the rule's inputs, the score's inputs, the profile, and its capability points
    // with every task type covered in each domain (the last for a domain outside the list).
    private SupplierGate[] _gates = new SupplierGate[64];
    private SupplierFacts[] _facts = new SupplierFacts[64];
    private SupplierProfile[] _profiles = new SupplierProfile[64];
    private SupplierHot[] _hot = new SupplierHot[64];
    // Column-major (one column per domain, one row per position), so a ranking reads its domain's column in order.
    private int[] _capabilityPoints = new int[64 * Stride];
    private int[] _deliveries = new int[64 * Stride];
    private int _supplierCount;
    private readonly Dictionary<Guid, int> _supplierAt = [];
    private DemandSlot[] _demands = new DemandSlot[64];
    private int _demandCount;
    private readonly Dictionary<Guid, int> _demandAt = [];
    private readonly Dictionary<Guid, int> _baseKeys = [];
    // Who meets each condition of the eligibility rule, one bit per position (SupplierSets, DemandSets for the numbering).
    private readonly PositionBitmaps _supplierSets = new(SupplierSets.Count);
    private readonly PositionBitmaps _demandSets = new(DemandSets.Count);
    // Each demand's budget in fen, so gap advice sums integers; a budget that is not a whole number of fen is judged one by one.
    private long[] _budgetFen = new long[64];
    // Quality factors per supplier for a demand's accuracy bar (in ten-thousandths): demands share a few bars, and the blend is
    // the costliest part of a score. Built by the first ranking at a bar, kept current by every write, at most MaxQualityTables.
    private readonly ConcurrentDictionary<int, QualityColumn> _quality = new();
    private const int MaxQualityTables = 16;

    public SupplierIndex(MatchWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Problem() is { } problem) throw new ArgumentException(problem, nameof(weights));
        _weights = weights;
        _shares = Shares.Of(weights);
        _noPairPoints = Enumerable.Range(0, 64).Select(NoPairPointsOf).ToArray();
    }

    public MatchWeights Weights => _weights;

    public int SupplierCount => _supplierCount;

    public int DemandCount => _demandCount;

    public SupplierProfile? Supplier(Guid enterpriseId) => _supplierAt.TryGetValue(enterpriseId, out var at) ? _profiles[at] : null;

    public MatchDemand? Demand(Guid demandId) => _demandAt.TryGetValue(demandId, out var at) ? _demands[at].Demand : null;

    /// <summary>One supplier's score for one demand, eligible or not, as the ranking computes it.</summary>
    public MatchScore Score(SupplierProfile supplier, MatchDemand demand, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(supplier);
        ArgumentNullException.ThrowIfNull(demand);
        // Only equality of bases matters: 0 is the demand's preferred base, 1 any other.
        var q = DemandQuery.Of(demand, today, _weights, demand.PreferredBaseId is null ? -1 : 0);
        var facts = SupplierFacts.Of(supplier, _weights, _shares, supplier.BaseId is null ? -1 : supplier.BaseId == demand.PreferredBaseId ? 0 : 1);
        return MatchScoring.Explain(facts, supplier, Covered(SupplierGate.Of(supplier), supplier, q), Deliveries(supplier, q), q, _weights, _shares);
    }

    /// <summary>Adds the enterprise or replaces what the index knew of it.</summary>
    public void Upsert(SupplierProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (!_supplierAt.TryGetValue(profile.EnterpriseId, out var at))
        {
            if (_supplierCount == _gates.Length)
            {
                var size = _gates.Length * 2;
                _capabilityPoints = Widen(_capabilityPoints, _gates.Length, size);
                _deliveries = Widen(_deliveries, _gates.Length, size);
                Array.Resize(ref _gates, size);
                Array.Resize(ref _facts, size);
                Array.Resize(ref _hot, size);
                foreach (var table in _quality.Values) table.Resize(size);
                Array.Resize(ref _profiles, size);
            }
            at = _supplierCount++;
            _supplierAt[profile.EnterpriseId] = at;
        }
        _gates[at] = SupplierGate.Of(profile);
        PutSupplierSets(at, _gates[at]);
        _facts[at] = SupplierFacts.Of(profile, _weights, _shares, BaseKey(profile.BaseId, add: true));
        _hot[at] = _facts[at].Hot;
        foreach (var (bar, table) in _quality) table.Put(at, _facts[at], BarValue(bar), _shares);
        _profiles[at] = profile;
        for (var column = 0; column < Stride; column++) _deliveries[Cell(column, at)] = 0;
        foreach (var (domain, count) in profile.DomainDeliveries)
            if (DomainOf(domain) is var i and >= 0) _deliveries[Cell(i, at)] = Math.Max(0, count);
        for (var column = 0; column < Stride; column++)
            _capabilityPoints[Cell(column, at)] = MatchScoring.Points(_shares.Capability,
                MatchScoring.CapabilityFactor(1, 1, MatchScoring.Experience(_deliveries[Cell(column, at)], _weights)));
    }

    public bool Remove(Guid enterpriseId)
    {
        if (!_supplierAt.Remove(enterpriseId, out var at)) return false;
        var last = --_supplierCount;
        if (at != last)
        {
            _gates[at] = _gates[last];
            _facts[at] = _facts[last];
            _hot[at] = _hot[last];
            foreach (var table in _quality.Values) table.Move(last, at);
            _profiles[at] = _profiles[last];
            for (var column = 0; column < Stride; column++)
            {
                _capabilityPoints[Cell(column, at)] = _capabilityPoints[Cell(column, last)];
                _deliveries[Cell(column, at)] = _deliveries[Cell(column, last)];
            }
            _supplierAt[_profiles[at].EnterpriseId] = at;
        }
        // With at == last this leaves the position in no set, which is what a removal of the last one needs.
        _supplierSets.Move(last, at);
        _gates[last] = default;
        _facts[last] = default;
        _hot[last] = default;
        _profiles[last] = null!;
        return true;
    }

    /// <summary>Adds an open demand or replaces it; recommendations are drawn from these.</summary>
    public void UpsertDemand(MatchDemand demand)
    {
        ArgumentNullException.ThrowIfNull(demand);
        var slot = new DemandSlot(demand, DemandQuery.Of(demand, null, _weights, BaseKey(demand.PreferredBaseId, add: true)));
        if (!_demandAt.TryGetValue(demand.Id, out var at))
        {
            if (_demandCount == _demands.Length)
            {
                Array.Resize(ref _demands, _demands.Length * 2);
                Array.Resize(ref _budgetFen, _demands.Length);
            }
            at = _demandCount++;
            _demandAt[demand.Id] = at;
        }
        _demands[at] = slot;
        PutDemandSets(at, slot.Query);
    }

    public bool RemoveDemand(Guid demandId)
    {
        if (!_demandAt.Remove(demandId, out var at)) return false;
        var last = --_demandCount;
        if (at != last)
        {
            _demands[at] = _demands[last];
            _budgetFen[at] = _budgetFen[last];
            _demandAt[_demands[at].Demand.Id] = at;
        }
        _demandSets.Move(last, at);
        _demands[last] = default;
        _budgetFen[last] = 0;
        return true;
    }

    /// <summary>The <paramref name="n"/> best eligible suppliers for the demand, and its <paramref name="n"/> best near-misses.</summary>
    public MatchList Top(MatchDemand demand, int n, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(demand);
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        var q = DemandQuery.Of(demand, today, _weights, BaseKey(demand.PreferredBaseId, add: false));
        var ranked = new TopK(n);
        var near = new TopK(n);
        var r = new Ranking(q.DomainIndex >= 0 ? q.DomainIndex : Stride - 1, QualityTable(demand.MinimumAccuracy), MatchScoring.MostForPlace(q, _shares));
        var level = LevelOf(q.SecurityLevel);
        var eligible = q.Required.HasUnknown || level < 0 || q.RequiredGrade > GradingRule.MaxGrade
            ? RankOneByOne(q, r, ranked, near)
            : RankBySets(q, level, r, ranked, near);

        var matches = ranked.Sorted().Select((c, r) =>
            new SupplierMatch(r + 1, _profiles[c.Slot].EnterpriseId, _profiles[c.Slot].Name, _profiles[c.Slot].RegionCode, Explain(c.Slot, q))).ToList();
        var misses = near.Sorted().Select(c =>
        {
            var p = _profiles[c.Slot];
            var (rule, message) = BidEligibility.Problems(demand.Requirements, p.Standing).Single();
            return new NearMiss(p.EnterpriseId, p.Name, p.RegionCode, rule, message, Explain(c.Slot, q));
        }).ToList();
        return new MatchList(eligible, matches, misses);
    }

    /// <summary>
    /// The <paramref name="n"/> best open demands the enterprise may bid on, and gap advice over those it misses by exactly one
    /// rule; null when the index does not know the enterprise.
    /// </summary>
    public Recommendations? Recommend(Guid enterpriseId, int n, DateOnly today)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        if (!_supplierAt.TryGetValue(enterpriseId, out var at)) return null;
        var g = _gates[at];
        var ranked = new TopK(n);
        var gaps = new GapTotals();
        var grade = g.CertificateGrade ?? 0;
        var eligible = grade is < 0 or > GradingRule.MaxGrade
            ? RecommendOneByOne(at, today, ranked, gaps, all: true)
            : RecommendBySets(at, grade, today, ranked, gaps) + RecommendOneByOne(at, today, ranked, gaps, all: false);

        var best = ranked.Sorted().Select((c, r) =>
        {
            var d = _demands[c.Slot];
            return new DemandMatch(r + 1, d.Demand.Id, d.Demand.Title, d.Demand.Number, d.Demand.BudgetCeiling, d.Demand.DueDate,
                Explain(at, d.Query.On(today, _weights)));
        }).ToList();
        var advice = new List<GapAdvice>();
        for (var rule = 0; rule < Rules.Length; rule++)
            if (gaps.Counts[rule] > 0) advice.Add(Advice(Rules[rule], gaps.Counts[rule], gaps.Total(rule), gaps.HighestGrade));
        return new Recommendations(eligible, best,
            advice.OrderByDescending(x => x.TotalBudget).ThenBy(x => x.Rule, StringComparer.Ordinal).ToList());
    }

    // Suppliers 64 at a time: the rule's sets for the demand combined word by word; only the eligible and the near-misses are scored.
    private int RankBySets(in DemandQuery q, int level, in Ranking r, TopK ranked, TopK near)
    {
        var pairs = q.Required.Bits().Select(_supplierSets.Words).ToArray();
        var active = _supplierSets.Words(SupplierSets.Active);
        var gradeMet = q.RequiredGrade >= 1 ? _supplierSets.Words(SupplierSets.GradeAtLeast(q.RequiredGrade)) : null;
        var cleared = _supplierSets.Words(SupplierSets.Cleared(level));
        var excluded = _supplierSets.Words(SupplierSets.Excluded);
        var words = PositionBitmaps.WordsFor(_supplierCount);
        var eligible = 0;
        for (var pass = 0; pass < 2; pass++)
        {
            // Suppliers that declare none of the demand's pairs come last, and not at all when even a perfect one of them could not
            // reach the weakest near-miss kept: their capability part is at most half of it.
            var noPairs = MatchScoring.MostCapabilityWithoutAnyPair(_shares);
            if (pass == 1 && MatchScoring.MostWithQuality(noPairs + r.MostForPlace + Points(_shares.Grade) + Points(_shares.Load), _shares) < near.Threshold) break;
            for (var w = 0; w < words; w++)
            {
                var inUse = w == words - 1 ? PositionBitmaps.LastWordMask(_supplierCount) : ulong.MaxValue;
                ulong every = inUse, some = 0;
                foreach (var pair in pairs)
                {
                    every &= pair[w];
                    some |= pair[w];
                }
                var sets = EligibilityWords.Of(active[w], gradeMet?[w] ?? ulong.MaxValue, cleared[w], every, excluded[w]);
                if (pass == 1)
                {
                    for (var bits = sets.CapabilityOnly & ~some & inUse; bits != 0; bits &= bits - 1)
                        Offer(near, (w << 6) + BitOperations.TrailingZeroCount(bits), capable: false, q, r, declaresNone: true);
                    continue;
                }
                var yes = sets.Eligible & inUse;
                eligible += BitOperations.PopCount(yes);
                for (var bits = yes; bits != 0; bits &= bits - 1)
                    Offer(ranked, (w << 6) + BitOperations.TrailingZeroCount(bits), capable: true, q, r);
                for (var bits = sets.OnlyOtherThanCapability & inUse; bits != 0; bits &= bits - 1)
                    Offer(near, (w << 6) + BitOperations.TrailingZeroCount(bits), capable: true, q, r);
                for (var bits = sets.CapabilityOnly & some & inUse; bits != 0; bits &= bits - 1)
                    Offer(near, (w << 6) + BitOperations.TrailingZeroCount(bits), capable: false, q, r);
            }
        }
        return eligible;
    }

    // A demand whose task types or security level the sets cannot hold: every supplier judged by the rule itself.
    private int RankOneByOne(in DemandQuery q, in Ranking r, TopK ranked, TopK near)
    {
        var eligible = 0;
        for (var i = 0; i < _supplierCount; i++)
        {
            ref readonly var g = ref _gates[i];
            var capable = q.Required.HasUnknown ? q.CoversSlowly(_profiles[i]) : g.Capabilities.Covers(q.Required);
            var unmet = BidEligibility.Unmet(q.RequiredGrade, q.SecurityLevel, g.CertificateStatus, g.CertificateGrade, g.MlpsLevel, capable, g.Excluded);
            if (unmet == EligibilityRules.None) eligible++;
            else if (!BitOperations.IsPow2((int)unmet)) continue;
            Offer(unmet == EligibilityRules.None ? ranked : near, i, capable, q, r);
        }
        return eligible;
    }

    // Passed over first on its standing when even the best capability, capacity and place could not lift it to the weakest kept;
    // then scored as if it covered every task type (so at least its real score), and left as soon as it cannot reach the weakest
    // kept even with a perfect record: most near-misses never need their coverage counted nor the quality blend.
    private void Offer(TopK heap, int i, bool capable, in DemandQuery q, in Ranking r, bool declaresNone = false)
    {
        var column = r.Column;
        var full = _capabilityPoints[Cell(column, i)];
        if (r.Quality is { } standing
            && standing.Standing[i] + (declaresNone ? NoPairPoints(_deliveries[Cell(column, i)]) : full) + r.MostForPlace < heap.Threshold) return;
        ref readonly var h = ref _hot[i];
        var partial = MatchScoring.Partial(h, full, q.NeededAnnotators, q, _shares);
        if (MatchScoring.MostWithQuality(partial, _shares) < heap.Threshold) return;
        if (!capable)
        {
            partial += PartialCapabilityPoints(i, column, q) - full;
            if (MatchScoring.MostWithQuality(partial, _shares) < heap.Threshold) return;
        }
        var qualityFactor = r.Quality is null ? MatchScoring.QualityFactor(_facts[i], q) : r.Quality.Factors[i];
        heap.Offer(MatchScoring.Total(partial, qualityFactor, _shares), h.Grade, _facts[i].EnterpriseId, i);
    }

    // Demands 64 at a time for one supplier whose grade the sets hold; demands marked slow are left to RecommendOneByOne.
    private int RecommendBySets(int at, int grade, DateOnly today, TopK ranked, GapTotals gaps)
    {
        var g = _gates[at];
        var missing = Enumerable.Range(0, CapabilitySet.PairCount).Where(pair => !g.Capabilities.Has(pair)).Select(_demandSets.Words).ToArray();
        var allowed = Enumerable.Range(0, Levels.Count)
            .Where(level => Clearance.MayHandle(Levels[level].Code, g.MlpsLevel, activeCertificate: true)).Select(l => _demandSets.Words(DemandSets.Level(l)))
            .ToArray();
        var gradeAbove = _demandSets.Words(DemandSets.GradeAbove(grade));
        var slow = _demandSets.Words(DemandSets.Slow);
        var active = g.CertificateStatus == CertificateStatus.Active ? ulong.MaxValue : 0;
        var excluded = g.Excluded ? ulong.MaxValue : 0;
        var words = PositionBitmaps.WordsFor(_demandCount);
        var eligible = 0;
        for (var w = 0; w < words; w++)
        {
            var inUse = (w == words - 1 ? PositionBitmaps.LastWordMask(_demandCount) : ulong.MaxValue) & ~slow[w];
            ulong incapable = 0, cleared = 0;
            foreach (var pair in missing) incapable |= pair[w];
            foreach (var levelSet in allowed) cleared |= levelSet[w];
            var sets = EligibilityWords.Of(active, ~gradeAbove[w], cleared, ~incapable, excluded);
            var yes = sets.Eligible & inUse;
            eligible += BitOperations.PopCount(yes);
            for (var bits = yes; bits != 0; bits &= bits - 1) OfferDemand(ranked, (w << 6) + BitOperations.TrailingZeroCount(bits), at, today);
            AddGaps(gaps, 0, sets.CertificateOnly & inUse, w);
            AddGaps(gaps, 1, sets.GradeOnly & inUse, w);
            AddGaps(gaps, 2, sets.ClearanceOnly & inUse, w);
            AddGaps(gaps, 3, sets.CapabilityOnly & inUse, w);
            AddGaps(gaps, 4, sets.ExcludedOnly & inUse, w);
        }
        return eligible;
    }

    private static int Points(double share) => MatchScoring.Points(share, 10_000);

    // The capability points of a supplier that declares none of the demand's pairs, by its deliveries in the demand's domain.
    private int NoPairPoints(int deliveries) =>
        deliveries < _noPairPoints.Length ? _noPairPoints[deliveries] : NoPairPointsOf(deliveries);

    private int NoPairPointsOf(int deliveries) =>
        MatchScoring.Points(_shares.Capability, MatchScoring.CapabilityFactor(0, 1, MatchScoring.Experience(deliveries, _weights)));

    /// <summary>What one ranking reads besides the demand: its domain's capability column, its accuracy bar's quality column,
    /// and the most its capacity and place parts can give.</summary>
    private readonly record struct Ranking(int Column, QualityColumn? Quality, int MostForPlace);

    private void AddGaps(GapTotals gaps, int rule, ulong bits, int word)
    {
        gaps.Counts[rule] += BitOperations.PopCount(bits);
        for (; bits != 0; bits &= bits - 1)
        {
            var i = (word << 6) + BitOperations.TrailingZeroCount(bits);
            gaps.Fen[rule] += _budgetFen[i];
            if (Rules[rule] == EligibilityRules.GradeTooLow) gaps.HighestGrade = Math.Max(gaps.HighestGrade, _demands[i].Query.RequiredGrade);
        }
    }

    // Every demand (all) or the slow ones only, judged by the rule itself.
    private int RecommendOneByOne(int at, DateOnly today, TopK ranked, GapTotals gaps, bool all)
    {
        var g = _gates[at];
        var profile = _profiles[at];
        var eligible = 0;
        for (var i = 0; i < _demandCount; i++)
        {
            if (!all && !_demandSets.Contains(DemandSets.Slow, i)) continue;
            ref readonly var d = ref _demands[i];
            var capable = d.Query.Required.HasUnknown ? d.Query.CoversSlowly(profile) : g.Capabilities.Covers(d.Query.Required);
            var unmet = BidEligibility.Unmet(d.Query.RequiredGrade, d.Query.SecurityLevel, g.CertificateStatus, g.CertificateGrade, g.MlpsLevel,
                capable, g.Excluded);
            if (unmet == EligibilityRules.None)
            {
                eligible++;
                OfferDemand(ranked, i, at, today);
            }
            else if (BitOperations.IsPow2((int)unmet))
            {
                var rule = BitOperations.Log2((uint)unmet);
                gaps.Counts[rule]++;
                gaps.Budgets[rule] += d.Demand.BudgetCeiling;
                if (unmet == EligibilityRules.GradeTooLow) gaps.HighestGrade = Math.Max(gaps.HighestGrade, d.Query.RequiredGrade);
            }
        }
        return eligible;
    }

    private void OfferDemand(TopK ranked, int i, int at, DateOnly today)
    {
        ref readonly var d = ref _demands[i];
        ref readonly var f = ref _facts[at];
        var capability = _capabilityPoints[Cell(d.Query.DomainIndex >= 0 ? d.Query.DomainIndex : Stride - 1, at)];
        var partial = MatchScoring.Partial(f.Hot, capability, d.Query.NeededOn(today, _weights), d.Query, _shares);
        if (MatchScoring.MostWithQuality(partial, _shares) < ranked.Threshold) return;
        ranked.Offer(MatchScoring.Total(partial, MatchScoring.QualityFactor(f, d.Query), _shares), 0, d.Demand.Id, i);
    }

    private void PutSupplierSets(int at, in SupplierGate g)
    {
        for (var pair = 0; pair < CapabilitySet.PairCount; pair++) _supplierSets.Put(pair, at, g.Capabilities.Has(pair));
        _supplierSets.Put(SupplierSets.Active, at, g.CertificateStatus == CertificateStatus.Active);
        for (var grade = 1; grade <= GradingRule.MaxGrade; grade++) _supplierSets.Put(SupplierSets.GradeAtLeast(grade), at, (g.CertificateGrade ?? 0) >= grade);
        for (var level = 0; level < Levels.Count; level++)
            _supplierSets.Put(SupplierSets.Cleared(level), at, Clearance.MayHandle(Levels[level].Code, g.MlpsLevel, activeCertificate: true));
        _supplierSets.Put(SupplierSets.Excluded, at, g.Excluded);
    }

    private void PutDemandSets(int at, in DemandQuery q)
    {
        var level = LevelOf(q.SecurityLevel);
        var fen = q.Demand.BudgetCeiling * 100;
        var wholeFen = fen == decimal.Truncate(fen) && Math.Abs(fen) < MaxFen;
        for (var pair = 0; pair < CapabilitySet.PairCount; pair++) _demandSets.Put(pair, at, q.Required.Has(pair));
        _demandSets.Put(DemandSets.Slow, at, q.Required.HasUnknown || level < 0 || !wholeFen);
        for (var grade = 0; grade <= GradingRule.MaxGrade; grade++) _demandSets.Put(DemandSets.GradeAbove(grade), at, q.RequiredGrade > grade);
        for (var l = 0; l < Levels.Count; l++) _demandSets.Put(DemandSets.Level(l), at, l == level);
        _budgetFen[at] = wholeFen ? (long)fen : 0;
    }

    // Far beyond any budget, and small enough that 50,000 of them add up without overflow.
    private const decimal MaxFen = 100_000_000_000_000m;

    private static readonly IReadOnlyList<ReferenceItem> Levels = DataSecurityLevels.All;

    private static int LevelOf(string level)
    {
        for (var i = 0; i < Levels.Count; i++)
            if (Levels[i].Code == level) return i;
        return -1;
    }

    /// <summary>What gap advice adds up while demands are judged: per rule, the demands, their budgets in fen and otherwise.</summary>
    private sealed class GapTotals
    {
        public int[] Counts { get; } = new int[Rules.Length];
        public long[] Fen { get; } = new long[Rules.Length];
        public decimal[] Budgets { get; } = new decimal[Rules.Length];
        public int HighestGrade { get; set; }

        public decimal Total(int rule) => Fen[rule] / 100m + Budgets[rule];
    }

    private int Cell(int column, int position) => column * _gates.Length + position;

    private static int[] Widen(int[] columns, int from, int to)
    {
        var wider = new int[to * Stride];
        for (var column = 0; column < Stride; column++) columns.AsSpan(column * from, from).CopyTo(wider.AsSpan(column * to, from));
        return wider;
    }

    // Safe under concurrent readers: a table is complete before it is published, and writers run alone.
    private QualityColumn? QualityTable(decimal minimumAccuracy)
    {
        var bar = (int)Math.Round(minimumAccuracy * 10_000);
        if (bar / 10_000m != minimumAccuracy) return null;
        if (_quality.TryGetValue(bar, out var table)) return table;
        if (_quality.Count >= MaxQualityTables) return null;
        table = new QualityColumn(_facts.Length);
        for (var i = 0; i < _supplierCount; i++) table.Put(i, _facts[i], BarValue(bar), _shares);
        return _quality.GetOrAdd(bar, table);
    }

    /// <summary>
    /// Every supplier's quality factor at one accuracy bar, and its standing: the quality, grade and load points together, which
    /// no demand changes, so a candidate is passed over on one read when even the best capability, capacity and place could
    /// not lift it to the weakest kept.
    /// </summary>
    private sealed class QualityColumn(int size)
    {
        public int[] Factors { get; private set; } = new int[size];
        public int[] Standing { get; private set; } = new int[size];

        public void Put(int at, in SupplierFacts facts, double bar, in Shares shares)
        {
            Factors[at] = MatchScoring.QualityFactor(facts, bar);
            Standing[at] = MatchScoring.Points(shares.Quality, Factors[at]) + facts.GradeAndLoadPoints;
        }

        public void Move(int from, int to)
        {
            Factors[to] = Factors[from];
            Standing[to] = Standing[from];
        }

        public void Resize(int to)
        {
            var factors = Factors;
            var standing = Standing;
            Array.Resize(ref factors, to);
            Array.Resize(ref standing, to);
            (Factors, Standing) = (factors, standing);
        }
    }

    // The bar as the demand's own query converts it, so a table and a direct computation agree to the last bit.
    private static double BarValue(int bar) => (double)(bar / 10_000m);

    private MatchScore Explain(int slot, in DemandQuery q)
    {
        var p = _profiles[slot];
        return MatchScoring.Explain(_facts[slot], p, Covered(_gates[slot], p, q), Deliveries(p, q), q, _weights, _shares);
    }

    // A near-miss short of task types: its capability points from its profile (the loop's table holds full coverage only).
    private int PartialCapabilityPoints(int slot, int column, in DemandQuery q)
    {
        var experience = MatchScoring.Experience(_deliveries[Cell(column, slot)], _weights);
        return MatchScoring.Points(_shares.Capability, MatchScoring.CapabilityFactor(Covered(_gates[slot], _profiles[slot], q), q.RequiredCount, experience));
    }

    private static int Deliveries(SupplierProfile p, in DemandQuery q) =>
        q.DomainIndex >= 0 ? Math.Max(0, p.DomainDeliveries.GetValueOrDefault(q.Demand.Domain)) : 0;

    // Bases as small numbers, so the loop compares ints; a base no supplier is at matches no one (-1).
    private int BaseKey(Guid? baseId, bool add)
    {
        if (baseId is not { } id) return -1;
        if (_baseKeys.TryGetValue(id, out var key)) return key;
        if (!add) return -1;
        _baseKeys[id] = key = _baseKeys.Count;
        return key;
    }

    private static int Covered(in SupplierGate g, SupplierProfile p, in DemandQuery q) =>
        q.Required.HasUnknown ? q.CountCoveredSlowly(p) : g.Capabilities.CountCovered(q.Required);

    private static readonly EligibilityRules[] Rules =
        [EligibilityRules.CertificateNotActive, EligibilityRules.GradeTooLow, EligibilityRules.ClearanceTooLow, EligibilityRules.CapabilityMissing, EligibilityRules.Excluded];

    private static GapAdvice Advice(EligibilityRules rule, int count, decimal budget, int highestGrade)
    {
        var opening = string.Create(CultureInfo.InvariantCulture, $"would open {count} open demand{(count == 1 ? "" : "s")} worth {budget:0.00} CNY");
        var advice = rule switch
        {
            EligibilityRules.CertificateNotActive => $"An active certificate {opening}.",
            EligibilityRules.GradeTooLow => $"Certificate grade {highestGrade} {opening}.",
            EligibilityRules.ClearanceTooLow => $"MLPS (等级保护) level 3 {opening}.",
            EligibilityRules.CapabilityMissing => $"Declaring the missing task types {opening}.",
            _ => $"The end of the exclusion {opening}.",
        };
        return new GapAdvice(BidEligibility.Code(rule), count, budget, advice);
    }

    internal static int DomainOf(string domain) => DomainIndex.TryGetValue(domain, out var i) ? i : -1;
}

/// <summary>
/// The numbering of the index's supplier sets: one per capability pair (its <see cref="CapabilitySet"/> bit), then an active
/// certificate, a grade of at least 1 … 5, clearance for each data security level, an exclusion in force.
/// </summary>
internal static class SupplierSets
{
    public static readonly int Active = CapabilitySet.PairCount;
    public static readonly int Excluded = Active + GradingRule.MaxGrade + DataSecurityLevels.All.Count + 1;
    public static readonly int Count = Excluded + 1;

    public static int GradeAtLeast(int grade) => Active + grade;

    public static int Cleared(int level) => Active + GradingRule.MaxGrade + 1 + level;
}

/// <summary>
/// The numbering of the index's demand sets: one per capability pair the demand requires, then the demands judged one by one
/// (slow), a required grade above 0 … 5, and each data security level.
/// </summary>
internal static class DemandSets
{
    public static readonly int Slow = CapabilitySet.PairCount;
    public static readonly int Count = Slow + GradingRule.MaxGrade + 2 + DataSecurityLevels.All.Count;

    public static int GradeAbove(int grade) => Slow + 1 + grade;

    public static int Level(int level) => Slow + GradingRule.MaxGrade + 2 + level;
}

/// <summary>What the eligibility rule reads of a supplier, kept small so the ranking loop streams through it.</summary>
internal readonly struct SupplierGate
{
    public required CapabilitySet Capabilities { get; init; }
    public required string? CertificateStatus { get; init; }
    public required int? CertificateGrade { get; init; }
    public required int MlpsLevel { get; init; }
    public required bool Excluded { get; init; }

    public static SupplierGate Of(SupplierProfile p) => new()
    {
        Capabilities = CapabilitySet.Of(p.Capabilities),
        // The status constant itself, so the rule's comparison is a reference match in the loop.
        CertificateStatus = p.CertificateStatus is null ? null : string.IsInterned(p.CertificateStatus) ?? p.CertificateStatus,
        CertificateGrade = p.CertificateGrade,
        MlpsLevel = p.MlpsLevel,
        Excluded = p.Excluded,
    };
}

/// <summary>What the score reads of a supplier that does not depend on the demand, worked out when the supplier changes.</summary>
internal readonly struct SupplierFacts
{
    public required Guid EnterpriseId { get; init; }
    public required int City { get; init; }
    public required int Province { get; init; }
    public required int BaseKey { get; init; }
    public required double FreeAnnotators { get; init; }
    public required int Accepted { get; init; }
    public required double MeanAccuracy { get; init; }
    public required double OnTimeRate { get; init; }
    public required int Grade { get; init; }
    public required int GradeFactor { get; init; }
    public required int ActiveContracts { get; init; }
    public required int LoadFactor { get; init; }
    public required int GradeAndLoadPoints { get; init; }

    /// <summary>What the ranking loop reads of every candidate, apart, so the loop streams through a small array.</summary>
    public SupplierHot Hot => new(City, Province, BaseKey, Grade, GradeAndLoadPoints, FreeAnnotators);

    public static SupplierFacts Of(SupplierProfile p, MatchWeights w, Shares s, int baseKey)
    {
        var record = p.Record is { AcceptedCount: > 0 } r ? r : null;
        var grade = p.CertificateGrade ?? 0;
        var active = Math.Max(0, p.ActiveContracts);
        var gradeFactor = MatchScoring.Factor((double)grade / GradingRule.MaxGrade);
        var loadFactor = MatchScoring.Factor(1.0 / (1 + active));
        return new SupplierFacts
        {
            EnterpriseId = p.EnterpriseId,
            City = CityOf(p.RegionCode),
            Province = CityOf(p.RegionCode) / 100,
            BaseKey = baseKey,
            FreeAnnotators = Math.Max(0, p.EffectiveAnnotators - Committed(p, w)),
            Accepted = record?.AcceptedCount ?? 0,
            MeanAccuracy = (double)(record?.MeanAccuracy ?? 0),
            OnTimeRate = (double)(record?.OnTimeRate ?? 0),
            Grade = grade,
            GradeFactor = gradeFactor,
            ActiveContracts = active,
            LoadFactor = loadFactor,
            GradeAndLoadPoints = MatchScoring.Points(s.Grade, gradeFactor) + MatchScoring.Points(s.Load, loadFactor),
        };
    }

    /// <summary>Annotators taken by contracts in delivery: their volume per day over what one annotator labels in a day.</summary>
    public static double Committed(SupplierProfile p, MatchWeights w) => Math.Max(0, p.CommittedVolumePerDay) / w.UnitsPerAnnotatorDay;

    /// <summary>The first four digits of a region code (province and city), or -1 when it has none.</summary>
    public static int CityOf(string region) =>
        region.Length >= 4 && int.TryParse(region.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var city) ? city : -1;
}

/// <summary>The part of <see cref="SupplierFacts"/> the ranking loop reads for every candidate.</summary>
internal readonly record struct SupplierHot(int City, int Province, int BaseKey, int Grade, int GradeAndLoadPoints, double FreeAnnotators);

/// <summary>A demand's side of the ranking, worked out once per demand (and per day, for the volume per day).</summary>
internal readonly struct DemandQuery
{
    public required MatchDemand Demand { get; init; }
    public required CapabilitySet Required { get; init; }
    public required int RequiredCount { get; init; }
    public required int RequiredGrade { get; init; }
    public required string SecurityLevel { get; init; }
    public required int City { get; init; }
    public required int Province { get; init; }
    public required int PreferredBase { get; init; }
    public required int DomainIndex { get; init; }
    public required double MinimumAccuracy { get; init; }
    public required int DaysToDue { get; init; }
    public required double NeededAnnotators { get; init; }

    public static DemandQuery Of(MatchDemand d, DateOnly? today, MatchWeights w, int preferredBaseKey)
    {
        var pairs = d.Requirements.TaskTypes.Distinct(StringComparer.Ordinal).Select(t => (d.Requirements.Modality, t)).ToList();
        var q = new DemandQuery
        {
            Demand = d,
            Required = CapabilitySet.Of(pairs),
            RequiredCount = pairs.Count,
            RequiredGrade = d.Requirements.RequiredGrade,
            SecurityLevel = string.IsInterned(d.Requirements.SecurityLevel) ?? d.Requirements.SecurityLevel,
            City = SupplierFacts.CityOf(d.RegionCode),
            Province = SupplierFacts.CityOf(d.RegionCode) / 100,
            PreferredBase = preferredBaseKey,
            DomainIndex = SupplierIndex.DomainOf(d.Domain),
            MinimumAccuracy = (double)d.MinimumAccuracy,
            DaysToDue = 1,
            NeededAnnotators = (double)d.Volume / w.UnitsPerAnnotatorDay,
        };
        return today is { } day ? q.On(day, w) : q;
    }

    /// <summary>The query on <paramref name="today"/>: the annotators needed to label the volume in the days left (at least one).</summary>
    public DemandQuery On(DateOnly today, MatchWeights w)
    {
        var days = Math.Max(1, Demand.DueDate.DayNumber - today.DayNumber);
        return this with { DaysToDue = days, NeededAnnotators = (double)Demand.Volume / days / w.UnitsPerAnnotatorDay };
    }

    /// <summary><see cref="NeededAnnotators"/> on <paramref name="today"/>, without the copy <see cref="On"/> makes.</summary>
    public double NeededOn(DateOnly today, MatchWeights w) =>
        (double)Demand.Volume / Math.Max(1, Demand.DueDate.DayNumber - today.DayNumber) / w.UnitsPerAnnotatorDay;

    // Task types outside the reference lists have no bit: the declared list answers, as the rule itself would.
    public bool CoversSlowly(SupplierProfile p) => CountCoveredSlowly(p) == RequiredCount;

    public int CountCoveredSlowly(SupplierProfile p)
    {
        var modality = Demand.Requirements.Modality;
        return Demand.Requirements.TaskTypes.Distinct(StringComparer.Ordinal).Count(t => p.Capabilities.Contains((modality, t)));
    }
}

internal readonly record struct DemandSlot(MatchDemand Demand, DemandQuery Query);

/// <summary>The k best candidates seen so far, in a min-heap whose root is the weakest kept; nothing allocated per offer.</summary>
internal sealed class TopK(int k)
{
    internal readonly record struct Candidate(int Score, int Grade, Guid Id, int Slot);

    private readonly Candidate[] _heap = new Candidate[k];
    private int _count;

    /// <summary>The score a candidate must reach to be kept: the weakest kept once full, nothing before.</summary>
    public int Threshold => _count < _heap.Length ? int.MinValue : _heap[0].Score;

    public void Offer(int score, int grade, Guid id, int slot)
    {
        var c = new Candidate(score, grade, id, slot);
        if (_count < _heap.Length)
        {
            _heap[_count] = c;
            SiftUp(_count++);
        }
        else if (Better(c, _heap[0]))
        {
            _heap[0] = c;
            SiftDown(0);
        }
    }

    /// <summary>Best first: higher score, then higher grade, then the lower id.</summary>
    public IReadOnlyList<Candidate> Sorted()
    {
        var kept = _heap.AsSpan(0, _count).ToArray();
        Array.Sort(kept, (a, b) => Better(a, b) ? -1 : Better(b, a) ? 1 : 0);
        return kept;
    }

    private static bool Better(in Candidate a, in Candidate b) =>
        a.Score != b.Score ? a.Score > b.Score : a.Grade != b.Grade ? a.Grade > b.Grade : a.Id.CompareTo(b.Id) < 0;

    private void SiftUp(int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (!Better(_heap[parent], _heap[i])) break;
            (_heap[parent], _heap[i]) = (_heap[i], _heap[parent]);
            i = parent;
        }
    }

    private void SiftDown(int i)
    {
        while (true)
        {
            var weakest = i;
            var left = 2 * i + 1;
            var right = left + 1;
            if (left < _count && Better(_heap[weakest], _heap[left])) weakest = left;
            if (right < _count && Better(_heap[weakest], _heap[right])) weakest = right;
            if (weakest == i) return;
            (_heap[weakest], _heap[i]) = (_heap[i], _heap[weakest]);
            i = weakest;
        }
    }
}
