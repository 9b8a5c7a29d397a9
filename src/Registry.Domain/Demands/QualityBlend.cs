namespace Registry.Domain.Demands;

/// <summary>
/// The credibility-weighted quality of an enterprise's delivery record, one function for the evaluation, the directory's
/// quality sort and matching: the record's observed factor (the accuracy factor of its mean accuracy against a bar, and its
/// on-time rate, averaged) blended with the neutral 0.5 as if it had <see cref="CredibilityDeliveries"/> more deliveries at
/// 0.5, so one lucky delivery does not outrank fifty good ones, and a newcomer gets exactly 0.5 — neither rewarded nor shut out.
/// </summary>
public static class QualityBlend
{
    /// <summary>The factor of an enterprise without any accepted delivery.</summary>
    public const decimal Neutral = 0.5m;

    /// <summary>How many neutral deliveries a record is blended with.</summary>
    public const int CredibilityDeliveries = 2;

    /// <summary>The record's factor against <paramref name="minimumAccuracy"/> (a demand's bar), rounded to four decimals; neutral without a record.</summary>
    public static decimal Of(QualityHistory? record, decimal minimumAccuracy)
    {
        if (record is not { AcceptedCount: > 0 }) return Neutral;
        var observed = (Evaluation.AccuracyFactor(record.MeanAccuracy, minimumAccuracy) + Factor(record.OnTimeRate)) / 2;
        return Factor((record.AcceptedCount * observed + CredibilityDeliveries * Neutral) / (record.AcceptedCount + CredibilityDeliveries));
    }

    /// <summary>
    /// The record's factor where no demand sets a bar (the directory): against a bar of 0 the accuracy factor is the mean
    /// accuracy itself.
    /// </summary>
    public static decimal Unbarred(QualityHistory? record) => Of(record, 0m);

    private static decimal Factor(decimal value) => Math.Round(Math.Clamp(value, 0m, 1m), 4, MidpointRounding.AwayFromZero);
}
