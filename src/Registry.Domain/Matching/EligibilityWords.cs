using Registry.Domain.Demands;

namespace Registry.Domain.Matching;

/// <summary>
/// <see cref="BidEligibility.Unmet"/> for 64 candidates at once: each argument holds one condition of the rule for 64
/// candidates, one bit each, and the answer says which are eligible and which miss exactly one rule, by rule. The grade and
/// the clearance count only with an active certificate, as in the rule; a test holds the two to the same truth table.
/// </summary>
public readonly record struct EligibilityWords(ulong Eligible, ulong CertificateOnly, ulong GradeOnly, ulong ClearanceOnly, ulong CapabilityOnly,
    ulong ExcludedOnly)
{
    /// <summary>The near-misses that declare every task type: they miss the certificate, the grade, the clearance or an exclusion.</summary>
    public ulong OnlyOtherThanCapability => CertificateOnly | GradeOnly | ClearanceOnly | ExcludedOnly;

    /// <param name="active">The certificate is active.</param>
    /// <param name="gradeMet">The certificate's grade reaches the demand's.</param>
    /// <param name="cleared">The MLPS level allows the demand's data security level (given an active certificate).</param>
    /// <param name="capable">The modality is declared with every task type of the demand.</param>
    /// <param name="excluded">An exclusion from bidding is in force.</param>
    public static EligibilityWords Of(ulong active, ulong gradeMet, ulong cleared, ulong capable, ulong excluded)
    {
        var free = ~excluded;
        var standing = active & gradeMet & cleared;
        return new EligibilityWords(
            Eligible: standing & capable & free,
            CertificateOnly: ~active & capable & free,
            GradeOnly: active & ~gradeMet & cleared & capable & free,
            ClearanceOnly: active & gradeMet & ~cleared & capable & free,
            CapabilityOnly: standing & ~capable & free,
            ExcludedOnly: standing & capable & excluded);
    }
}
