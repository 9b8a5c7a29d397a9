using Registry.Domain.Demands;
using Registry.Domain.Enterprises;
using Registry.Domain.Matching;
using Registry.Domain.Reference;

namespace Registry.Domain.Tests.Matching;

/// <summary><see cref="EligibilityWords"/> is <see cref="BidEligibility.Unmet"/> 64 candidates at a time: the same truth table.</summary>
public sealed class EligibilityWordsTests
{
    public static TheoryData<bool, bool, bool, bool, bool> EveryCombination()
    {
        var data = new TheoryData<bool, bool, bool, bool, bool>();
        for (var i = 0; i < 32; i++) data.Add((i & 1) != 0, (i & 2) != 0, (i & 4) != 0, (i & 8) != 0, (i & 16) != 0);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryCombination))]
    public void Each_candidate_lands_in_the_set_the_rule_itself_puts_it_in(bool active, bool gradeMet, bool cleared, bool capable, bool excluded)
    {
        // Bit 5 of every word is the candidate; its neighbours hold the opposite conditions and must not leak into it.
        static ulong Word(bool condition) => condition ? 1UL << 5 : ~(1UL << 5);
        var sets = EligibilityWords.Of(Word(active), Word(gradeMet), Word(cleared), Word(capable), Word(excluded));
        var unmet = BidEligibility.Unmet(requiredGrade: 3, DataSecurityLevels.Important, active ? CertificateStatus.Active : CertificateStatus.Suspended,
            gradeMet ? 3 : 2, cleared ? 3 : 2, capable, excluded);

        var landed = new (string Set, ulong Word)[]
        {
            ("eligible", sets.Eligible), ("certificate", sets.CertificateOnly), ("grade", sets.GradeOnly), ("clearance", sets.ClearanceOnly),
            ("capability", sets.CapabilityOnly), ("excluded", sets.ExcludedOnly),
        }.Where(x => (x.Word & (1UL << 5)) != 0).Select(x => x.Set).ToList();

        var expected = unmet switch
        {
            EligibilityRules.None => ["eligible"],
            EligibilityRules.CertificateNotActive => ["certificate"],
            EligibilityRules.GradeTooLow => ["grade"],
            EligibilityRules.ClearanceTooLow => ["clearance"],
            EligibilityRules.CapabilityMissing => ["capability"],
            EligibilityRules.Excluded => ["excluded"],
            _ => new List<string>(),
        };
        Assert.Equal(expected, landed);
    }
}
