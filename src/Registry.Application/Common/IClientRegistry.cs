namespace Registry.Application.Common;

/// <summary>The OAuth client store: confidential clients for organizations' systems, secrets kept hashed.</summary>
public interface IClientRegistry
{
    Task CreateConfidentialClientAsync(string clientId, string secret, string displayName, CancellationToken ct);

    Task<bool> ExistsAsync(string clientId, CancellationToken ct);

    /// <summary>Replaces the client's secret (stored hashed); the old one is refused from now on.</summary>
    Task RotateSecretAsync(string clientId, string secret, CancellationToken ct);
}
