using System.Numerics;

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
    public static decimal Of(QualityHistory? record, decimal minimumAccuracy) =>
        record is not { AcceptedCount: > 0 } ? Neutral : Of(record.AcceptedCount, record.MeanAccuracy, record.OnTimeRate, minimumAccuracy);

    /// <summary>
    /// The same blend in any number type: the evaluation and the directory use it in decimal, the matching index (docs/matching.md)
    /// in double over every supplier at once.
    /// </summary>
    public static T Of<T>(int acceptedCount, T meanAccuracy, T onTimeRate, T minimumAccuracy) where T : IFloatingPoint<T>
    {
        if (acceptedCount <= 0) return In<T>.Neutral;
        var accepted = T.CreateTruncating(acceptedCount);
        var observed = (Evaluation.AccuracyFactor(meanAccuracy, minimumAccuracy) + Factor(onTimeRate)) / In<T>.Two;
        return Factor((accepted * observed + In<T>.Credibility * In<T>.Neutral) / (accepted + In<T>.Credibility));
    }

    /// <summary>
    /// The record's factor where no demand sets a bar (the directory): against a bar of 0 the accuracy factor is the mean
    /// accuracy itself.
    /// </summary>
    public static decimal Unbarred(QualityHistory? record) => Of(record, 0m);

    private static T Factor<T>(T value) where T : IFloatingPoint<T> => T.Round(T.Clamp(value, T.Zero, T.One), 4, MidpointRounding.AwayFromZero);

    // The blend's constants in each number type, converted once rather than per call.
    private static class In<T> where T : IFloatingPoint<T>
    {
        public static readonly T Neutral = T.CreateChecked(QualityBlend.Neutral);
        public static readonly T Credibility = T.CreateChecked(CredibilityDeliveries);
        public static readonly T Two = T.CreateChecked(2);
    }
}
