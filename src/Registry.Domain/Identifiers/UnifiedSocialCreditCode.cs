namespace Registry.Domain.Identifiers;

/// <summary>
/// The unified social credit code of GB 32100-2015 (统一社会信用代码): 18 characters — registration authority,
/// organization type, a six-digit administrative division code, a nine-character organization code and a
/// check character (mod 31).
/// </summary>
public static class UnifiedSocialCreditCode
{
    /// <summary>The 31 characters of the code, in value order (no I, O, Z, S, V).</summary>
    public const string Charset = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    public const int Length = 18;

    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    public static bool IsValid(string? code) => Problem(code) is null;

    /// <summary>Null when the code is valid; otherwise what is wrong with it, in words a registrant understands.</summary>
    public static FieldProblem? Problem(string? code)
    {
        if (string.IsNullOrEmpty(code)) return new FieldProblem("credit_code_required", "A unified social credit code is required.");
        if (code.Length != Length)
            return new FieldProblem("credit_code_length", $"A unified social credit code has 18 characters, not {code.Length}.", Number(code.Length));
        for (var i = 0; i < Length; i++)
        {
            if (Charset.IndexOf(code[i], StringComparison.Ordinal) < 0)
                return new FieldProblem("credit_code_character", $"Character {i + 1} ('{code[i]}') is not allowed: use digits and upper-case letters other than I, O, Z, S and V.",
                    Number(i + 1), code[i].ToString());
        }
        // Characters 1 and 2 may be any code character: besides GB 32100's table (1 机构编制, 5 民政, 9 工商, Y 其他),
        // later-added authorities issue codes too (3 司法行政 for law firms, 8 工会, N 农业 for rural collectives).
        for (var i = 2; i < 8; i++)
        {
            if (!char.IsAsciiDigit(code[i]))
                return new FieldProblem("credit_code_division", $"Characters 3 to 8 are the administrative division code and must be digits; character {i + 1} is '{code[i]}'.",
                    Number(i + 1), code[i].ToString());
        }
        var expected = ComputeCheckCharacter(code.AsSpan(0, 17));
        return code[17] == expected
            ? null
            : new FieldProblem("credit_code_check", $"The check character is wrong: the first 17 characters give '{expected}', not '{code[17]}'.",
                expected.ToString(), code[17].ToString());
    }

    private static string Number(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The check character of GB 32100-2015 for the first 17 characters: 31 − (Σ value × weight mod 31), 31 → 0.</summary>
    public static char ComputeCheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17) throw new ArgumentException("The check character is computed over exactly 17 characters.", nameof(first17));
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var value = Charset.IndexOf(first17[i], StringComparison.Ordinal);
            if (value < 0) throw new ArgumentException($"'{first17[i]}' is not a character of the code.", nameof(first17));
            sum += value * Weights[i];
        }
        var check = 31 - sum % 31;
        return Charset[check == 31 ? 0 : check];
    }

    /// <summary>Appends the check character to 17 characters.</summary>
    public static string Create(string first17) => first17 + ComputeCheckCharacter(first17);

    /// <summary>The administrative division code embedded in a valid code (characters 3 to 8).</summary>
    public static string RegionCodeOf(string validCode) => validCode.Substring(2, 6);
}
