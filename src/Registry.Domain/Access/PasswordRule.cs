namespace Registry.Domain.Access;

/// <summary>The password rule for people: 10 to 128 characters with at least one letter and one digit.</summary>
public static class PasswordRule
{
    public const string Message = "A password has 10 to 128 characters, with at least one letter and one digit.";

    public static bool IsAcceptable(string? password) =>
        password is { Length: >= 10 and <= 128 } && password.Any(char.IsLetter) && password.Any(char.IsDigit);
}
