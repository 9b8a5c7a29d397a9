namespace Registry.Application.Common;

/// <summary>Hashes and checks passwords (ASP.NET Core's PBKDF2 password hasher in production).</summary>
public interface IPasswordHasher
{
    string Hash(string password);

    /// <summary>
    /// Checks a password off the request threads: at most half the cores check at once, below normal CPU priority where the
    /// platform allows, so that guesses anyone can send never take the processor from other requests.
    /// </summary>
    Task<bool> VerifyAsync(string hash, string password, CancellationToken ct);
}
