namespace Registry.Domain.Matching;

/// <summary>
/// How much each part of a match score counts (docs/matching.md gives the reasoning for each default). The six weights are
/// shares: the score is 100 × Σ weight × factor ÷ Σ weights, so they need not sum to 100, only to more than zero.
/// </summary>
/// <param name="Capability">Task types covered and accepted deliveries in the demand's domain.</param>
/// <param name="Capacity">Skill-weighted annotators free of active contracts against what the demand needs per day.</param>
/// <param name="Quality">The record of accepted deliveries, blended by credibility as the evaluation blends it.</param>
/// <param name="Locality">The demand's preferred base, then its city, then its province.</param>
/// <param name="Grade">The certificate grade, out of the highest grade.</param>
/// <param name="Load">Fewer contracts in delivery.</param>
/// <param name="ExperienceHalfWay">Accepted deliveries in the domain at which domain experience counts half.</param>
/// <param name="UnitsPerAnnotatorDay">Units of volume (items, hours, ...) one annotator at skill level 5 labels in a day.</param>
public sealed record MatchWeights(
    double Capability = 25,
    double Capacity = 20,
    double Quality = 25,
    double Locality = 10,
    double Grade = 10,
    double Load = 10,
    double ExperienceHalfWay = 3,
    double UnitsPerAnnotatorDay = 500)
{
    public static MatchWeights Default { get; } = new();

    public double Sum => Capability + Capacity + Quality + Locality + Grade + Load;

    /// <summary>Null when usable; otherwise what is wrong.</summary>
    public string? Problem()
    {
        double[] weights = [Capability, Capacity, Quality, Locality, Grade, Load];
        if (weights.Any(w => w < 0 || !double.IsFinite(w))) return "A match weight is a finite number of zero or more.";
        if (Sum <= 0) return "At least one match weight is more than zero.";
        if (ExperienceHalfWay <= 0 || !double.IsFinite(ExperienceHalfWay)) return "ExperienceHalfWay is more than zero.";
        if (UnitsPerAnnotatorDay <= 0 || !double.IsFinite(UnitsPerAnnotatorDay)) return "UnitsPerAnnotatorDay is more than zero.";
        return null;
    }
}
