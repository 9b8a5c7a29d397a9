namespace Registry.Application.Common;

/// <summary>Hashes and checks passwords (ASP.NET Core's PBKDF2 password hasher in production).</summary>
public interface IPasswordHasher
{
    string Hash(string password);

    bool Verify(string hash, string password);
}

/// <summary>The OAuth client store: confidential clients for organizations' systems, secrets kept hashed.</summary>
public interface IClientRegistry
{
    Task CreateConfidentialClientAsync(string clientId, string secret, string displayName, CancellationToken ct);

    Task<bool> ExistsAsync(string clientId, CancellationToken ct);
}
