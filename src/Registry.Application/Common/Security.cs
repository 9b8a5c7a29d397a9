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

    /// <summary>Replaces the client's secret (stored hashed); the old one is refused from now on.</summary>
    Task RotateSecretAsync(string clientId, string secret, CancellationToken ct);
}

/// <summary>The tokens the OAuth server has issued (its token store), written in the current command's transaction.</summary>
public interface IIssuedTokens
{
    /// <summary>Marks every token issued to the subject (a user's or a client's id) revoked: access and refresh tokens alike.</summary>
    Task RevokeAllOfAsync(string subject, CancellationToken ct);
}
