namespace Registry.Application.Common;

/// <summary>Hashes and checks passwords (ASP.NET Core's PBKDF2 password hasher in production).</summary>
public interface IPasswordHasher
{
    string Hash(string password);

    bool Verify(string hash, string password);
}
