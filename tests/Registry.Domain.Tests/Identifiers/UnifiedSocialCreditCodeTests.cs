using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Registry.Domain.Identifiers;

namespace Registry.Domain.Tests.Identifiers;

public sealed class UnifiedSocialCreditCodeTests
{
    private const string Charset = UnifiedSocialCreditCode.Charset;

    // Published codes of real organizations, and the standard's own example.
    [Theory]
    [InlineData("91350100M000100Y43")]
    [InlineData("91110000600037341L")]
    [InlineData("91440300708461136T")]
    [InlineData("91110108551385082Q")]
    public void Real_codes_are_valid(string code)
    {
        Assert.True(UnifiedSocialCreditCode.IsValid(code));
        Assert.Null(UnifiedSocialCreditCode.Problem(code));
    }

    [Fact]
    public void The_check_character_follows_GB_32100_weights_mod_31()
    {
        Assert.Equal('3', UnifiedSocialCreditCode.ComputeCheckCharacter("91350100M000100Y4"));
        Assert.Equal('L', UnifiedSocialCreditCode.ComputeCheckCharacter("91110000600037341"));
        Assert.Equal("91110000600037341L", UnifiedSocialCreditCode.Create("91110000600037341"));
    }

    [Fact]
    public void A_wrong_check_character_is_named_with_the_expected_one()
    {
        var problem = UnifiedSocialCreditCode.Problem("911100001000000000");

        Assert.NotNull(problem);
        Assert.Contains("'R'", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "required")]
    [InlineData("", "required")]
    [InlineData("91350100M000100Y4", "18 characters")]
    [InlineData("91350100M000100Y433", "18 characters")]
    [InlineData("91350100m000100Y43", "Character 9")]
    [InlineData("91350100I000100Y43", "Character 9")]
    [InlineData("9135010OM000100Y43", "Character 8")]
    [InlineData("91350100Z000100Y43", "Character 9")]
    [InlineData("91350100S000100Y43", "Character 9")]
    [InlineData("91350100V000100Y43", "Character 9")]
    [InlineData("9135A100M000100Y43", "division code")]
    public void Malformed_codes_are_rejected_with_the_reason(string? code, string reason)
    {
        Assert.False(UnifiedSocialCreditCode.IsValid(code));
        Assert.Contains(reason, UnifiedSocialCreditCode.Problem(code), StringComparison.Ordinal);
    }

    [Fact]
    public void The_region_code_is_characters_3_to_8() =>
        Assert.Equal("350100", UnifiedSocialCreditCode.RegionCodeOf("91350100M000100Y43"));

    [Theory]
    [InlineData("91350100M000100Y43")]
    [InlineData("91110000600037341L")]
    [InlineData("91440300708461136T")]
    public void Every_single_character_corruption_of_a_valid_code_is_rejected(string code)
    {
        for (var position = 0; position < 18; position++)
        {
            foreach (var replacement in Charset.Where(c => c != code[position]))
            {
                var corrupted = code[..position] + replacement + code[(position + 1)..];
                Assert.False(UnifiedSocialCreditCode.IsValid(corrupted), $"{corrupted} (position {position + 1}) was accepted");
            }
        }
    }

    [Theory]
    [InlineData("91350100M000100Y43")]
    [InlineData("91110000600037341L")]
    [InlineData("91440300708461136T")]
    public void Every_swap_of_two_adjacent_different_characters_is_rejected(string code)
    {
        for (var position = 0; position < 17; position++)
        {
            if (code[position] == code[position + 1]) continue;
            var swapped = Swap(code, position, position + 1);
            Assert.False(UnifiedSocialCreditCode.IsValid(swapped), $"{swapped} (positions {position + 1} and {position + 2}) was accepted");
        }
    }

    [Fact]
    public void Swapping_the_first_and_the_check_character_goes_unnoticed_because_both_weigh_1()
    {
        var code = UnifiedSocialCreditCode.Create("91350100M000100Y4");

        Assert.True(UnifiedSocialCreditCode.IsValid(Swap(code, 0, 17)));
    }

    private static string Swap(string code, int i, int j)
    {
        var chars = code.ToCharArray();
        (chars[i], chars[j]) = (chars[j], chars[i]);
        return new string(chars);
    }

    private static readonly Gen<string> ValidCodes =
        from head in Gen.Elements(Charset.ToCharArray()).ArrayOf(2)
        from division in Gen.Elements("0123456789".ToCharArray()).ArrayOf(6)
        from organization in Gen.Elements(Charset.ToCharArray()).ArrayOf(9)
        select UnifiedSocialCreditCode.Create(new string([.. head, .. division, .. organization]));

    [Property(MaxTest = 500)]
    public Property Any_code_with_its_computed_check_character_is_valid() =>
        Prop.ForAll(ValidCodes.ToArbitrary(), code => UnifiedSocialCreditCode.IsValid(code) && UnifiedSocialCreditCode.Problem(code) is null);

    [Property(MaxTest = 500)]
    public Property Any_single_substitution_of_a_valid_code_is_rejected() =>
        Prop.ForAll(
            (from code in ValidCodes
             from at in Gen.Choose(0, 17)
             from replacement in Gen.Elements(Charset.ToCharArray()).Where(c => c != code[at])
             select code[..at] + replacement + code[(at + 1)..]).ToArbitrary(),
            corrupted => !UnifiedSocialCreditCode.IsValid(corrupted));

    [Property(MaxTest = 500)]
    public Property Any_adjacent_transposition_of_different_characters_is_rejected() =>
        Prop.ForAll(
            (from code in ValidCodes
             from at in Gen.Choose(0, 16)
             where code[at] != code[at + 1]
             select Swap(code, at, at + 1)).ToArbitrary(),
            swapped => !UnifiedSocialCreditCode.IsValid(swapped));

    [Property(MaxTest = 300)]
    public Property Lower_case_input_is_rejected_rather_than_normalized() =>
        Prop.ForAll(
            ValidCodes.Where(code => code.Any(char.IsAsciiLetter)).ToArbitrary(),
            code => !UnifiedSocialCreditCode.IsValid(code.ToLowerInvariant()));

    [Fact]
    public void A_letter_in_the_division_code_is_reported_at_its_position() =>
        Assert.Contains("character 4 is 'A'", UnifiedSocialCreditCode.Problem("913A0100M000100Y43"), StringComparison.Ordinal);

    [Theory]
    [InlineData("91350100M000100Y")]   // 16 characters
    [InlineData("91350100M000100YI")]  // I is not a character of the code
    public void The_check_character_is_computed_over_seventeen_code_characters_only(string first17) =>
        Assert.Throws<ArgumentException>(() => UnifiedSocialCreditCode.ComputeCheckCharacter(first17));
}
