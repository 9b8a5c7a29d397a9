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

    private static string RandomValidCode(int seed)
    {
        var random = new Random(seed);
        var chars = new char[17];
        for (var i = 0; i < 17; i++)
            chars[i] = i is >= 2 and < 8 ? (char)('0' + random.Next(10)) : Charset[random.Next(Charset.Length)];
        return UnifiedSocialCreditCode.Create(new string(chars));
    }

    [Property(MaxTest = 300)]
    public bool Any_code_with_its_computed_check_character_is_valid(int seed) =>
        UnifiedSocialCreditCode.IsValid(RandomValidCode(seed));

    [Property(MaxTest = 300)]
    public bool Any_single_substitution_of_a_generated_code_is_rejected(int seed, byte position, byte replacement)
    {
        var code = RandomValidCode(seed);
        var at = position % 18;
        var by = Charset[replacement % Charset.Length];
        if (by == code[at]) return true;
        return !UnifiedSocialCreditCode.IsValid(code[..at] + by + code[(at + 1)..]);
    }
}
