using Registry.Domain.Demands;
using Registry.Domain.Enterprises;

namespace Registry.Domain.Matching;

/// <summary>Where the enterprise stands relative to the demand's place.</summary>
public static class Locality
{
    public const string PreferredBase = "preferred_base";
    public const string SameCity = "same_city";
    public const string SameProvince = "same_province";
    public const string Elsewhere = "elsewhere";
}

/// <summary>Task types covered (of the demand's modality) and accepted deliveries in the demand's domain.</summary>
public sealed record CapabilityPart(double Points, double Factor, int TaskTypesCovered, int TaskTypesRequired, int DomainDeliveries);

/// <summary>Skill-weighted annotators, those committed to contracts in delivery, and those the demand needs per day until its due date.</summary>
public sealed record CapacityPart(double Points, double Factor, double EffectiveAnnotators, double CommittedAnnotators, double NeededAnnotators,
    int DaysToDue);

/// <summary>The credibility-weighted record (<see cref="QualityBlend"/>, as the evaluation and the directory use it) over all domains.</summary>
public sealed record QualityPart(double Points, double Factor, int AcceptedDeliveries, decimal? MeanAccuracy, decimal? OnTimeRate);

/// <summary>The enterprise's region against the demand's, and its base against the demand's preferred base.</summary>
public sealed record LocalityPart(double Points, double Factor, string Relation);

/// <summary>The certificate grade out of the highest.</summary>
public sealed record GradePart(double Points, double Factor, int Grade);

/// <summary>Contracts in delivery.</summary>
public sealed record LoadPart(double Points, double Factor, int ActiveContracts);

/// <summary>
/// A match score, 0 to 100, with every part and its inputs. Factors are fractions rounded to four decimals; each part's
/// points are 100 × weight ÷ Σ weights × factor, rounded to two decimals; <see cref="Total"/> is the sum of the points as shown.
/// </summary>
public sealed record MatchScore(double Total, CapabilityPart Capability, CapacityPart Capacity, QualityPart Quality, LocalityPart Locality,
    GradePart Grade, LoadPart Load);

/// <summary>Each weight's share of the total: a part's points, in hundredths, are its share × its factor in ten-thousandths.</summary>
internal readonly record struct Shares(double Capability, double Capacity, double Quality, double Locality, double Grade, double Load)
{
    /// <summary>The quality part's points for a perfect record.</summary>
    public int MostQualityPoints { get; } = MatchScoring.Points(Quality, 10_000);

    public static Shares Of(MatchWeights w) =>
        new(w.Capability / w.Sum, w.Capacity / w.Sum, w.Quality / w.Sum, w.Locality / w.Sum, w.Grade / w.Sum, w.Load / w.Sum);
}

/// <summary>
/// The score parts (docs/matching.md): capability fit = (share of task types covered + d ÷ (d + half-way)) ÷ 2 with d the
/// accepted deliveries in the demand's domain; capacity headroom = (effective annotators − committed) ÷ needed, at most 1;
/// quality = the evaluation's credibility blend against the demand's accuracy bar; locality = 1 at the preferred base, 0.75 in
/// the demand's city, 0.5 in its province, 0 elsewhere; grade = grade ÷ 5; load = 1 ÷ (1 + contracts in delivery).
/// Factors are counted in ten-thousandths and points in hundredths, as integers, so the ranking loop compares integers and
/// the total is exactly the sum of the parts shown. What depends on the supplier alone (grade, load,
/// capability in each domain) is worked out when the supplier changes.
/// </summary>
internal static class MatchScoring
{
    public const double BaseLocality = 1, CityLocality = 0.75, ProvinceLocality = 0.5;

    /// <summary>A fraction clamped to 0…1, in ten-thousandths (half away from zero).</summary>
    public static int Factor(double value) => (int)Math.Floor(Math.Clamp(value, 0, 1) * 10_000 + 0.5);

    /// <summary>A part's points in hundredths.</summary>
    public static int Points(double share, int factor) => (int)Math.Floor(share * factor + 0.5);

    public static double Experience(int deliveries, MatchWeights w) => deliveries / (deliveries + w.ExperienceHalfWay);

    public static int CapabilityFactor(int covered, int required, double experience) =>
        Factor(((required == 0 ? 1 : (double)covered / required) + experience) / 2);

    public static int CapacityFactor(double free, double needed) => needed <= 0 ? 10_000 : Factor(free / needed);

    public static int QualityFactor(in SupplierFacts f, in DemandQuery q) => QualityFactor(f, q.MinimumAccuracy);

    public static int QualityFactor(in SupplierFacts f, double minimumAccuracy) =>
        (int)Math.Round(QualityBlend.Of(f.Accepted, f.MeanAccuracy, f.OnTimeRate, minimumAccuracy) * 10_000);

    private static readonly int AtBase = Factor(BaseLocality), InCity = Factor(CityLocality), InProvince = Factor(ProvinceLocality);

    public static int LocalityFactor(in SupplierHot f, in DemandQuery q) =>
        q.PreferredBase >= 0 && f.BaseKey == q.PreferredBase ? AtBase
        : f.City == q.City ? InCity
        : f.Province == q.Province ? InProvince
        : 0;

    /// <summary>
    /// Every part's points but quality's, in hundredths, given the capability points: with <see cref="MostWithQuality"/>, the
    /// bound the ranking loop uses to skip the quality blend for a supplier that cannot make the list.
    /// </summary>
    public static int Partial(in SupplierHot f, int capabilityPoints, double neededAnnotators, in DemandQuery q, in Shares s) =>
        capabilityPoints + Points(s.Capacity, CapacityFactor(f.FreeAnnotators, neededAnnotators)) + Points(s.Locality, LocalityFactor(f, q))
        + f.GradeAndLoadPoints;

    public static int MostWithQuality(int partial, in Shares s) => partial + s.MostQualityPoints;

    /// <summary>The most capability points of a supplier that declares none of the demand's pairs: half its experience, under 0.5.</summary>
    public static int MostCapabilityWithoutAnyPair(in Shares s) => Points(s.Capability, Factor(0.5));

    /// <summary>The most the capacity and locality parts give for the demand (locality at the city's unless the demand names a base).</summary>
    public static int MostForPlace(in DemandQuery q, in Shares s) =>
        Points(s.Capacity, 10_000) + Points(s.Locality, q.PreferredBase >= 0 ? AtBase : InCity);

    public static int Total(int partial, int qualityFactor, in Shares s) => partial + Points(s.Quality, qualityFactor);

    public static MatchScore Explain(in SupplierFacts f, SupplierProfile p, int covered, int domainDeliveries, in DemandQuery q, MatchWeights w,
        in Shares s)
    {
        var capability = CapabilityFactor(covered, q.RequiredCount, Experience(domainDeliveries, w));
        var capacity = CapacityFactor(f.FreeAnnotators, q.NeededAnnotators);
        var quality = QualityFactor(f, q);
        var locality = LocalityFactor(f.Hot, q);
        var points = (Capability: Points(s.Capability, capability), Capacity: Points(s.Capacity, capacity), Quality: Points(s.Quality, quality),
            Locality: Points(s.Locality, locality), Grade: Points(s.Grade, f.GradeFactor), Load: Points(s.Load, f.LoadFactor));
        var total = points.Capability + points.Capacity + points.Quality + points.Locality + points.Grade + points.Load;
        var record = p.Record is { AcceptedCount: > 0 } r ? r : null;
        return new MatchScore(Hundredths(total),
            new CapabilityPart(Hundredths(points.Capability), TenThousandths(capability), covered, q.RequiredCount, domainDeliveries),
            new CapacityPart(Hundredths(points.Capacity), TenThousandths(capacity), Round2(p.EffectiveAnnotators), Round2(SupplierFacts.Committed(p, w)),
                Round2(q.NeededAnnotators), q.DaysToDue),
            new QualityPart(Hundredths(points.Quality), TenThousandths(quality), record?.AcceptedCount ?? 0, record?.MeanAccuracy, record?.OnTimeRate),
            new LocalityPart(Hundredths(points.Locality), TenThousandths(locality), Relation(locality)),
            new GradePart(Hundredths(points.Grade), TenThousandths(f.GradeFactor), f.Grade),
            new LoadPart(Hundredths(points.Load), TenThousandths(f.LoadFactor), f.ActiveContracts));
    }

    public static string Relation(int localityFactor) =>
        localityFactor == AtBase ? Locality.PreferredBase
        : localityFactor == InCity ? Locality.SameCity
        : localityFactor == InProvince ? Locality.SameProvince
        : Locality.Elsewhere;

    public static double Hundredths(int points) => points / 100.0;

    private static double TenThousandths(int factor) => factor / 10_000.0;

    private static double Round2(double value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}
