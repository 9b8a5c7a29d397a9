using System.Security.Cryptography;
using Registry.Application.Common;

namespace Registry.Application.Access;

/// <summary>Registers a confidential client with OpenIddict and ties it to its organization, in the current command's transaction.</summary>
public sealed class ApiClientWrites(IWriteDb db, IClientRegistry clients, TimeProvider clock)
{
    /// <summary>256 random bits, URL-safe: shown once to the operator, stored only hashed.</summary>
    public static string NewSecret() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public async Task AddAsync(string clientId, string secret, Guid organizationId, string displayName, CancellationToken ct)
    {
        await clients.CreateConfidentialClientAsync(clientId, secret, displayName, ct);
        await db.ExecuteAsync(InsertSql, new { clientId, organizationId, displayName, yes = true, now = clock.GetUtcNow() }, ct);
    }

    private static readonly Sql InsertSql = new("""
        insert into api_clients (client_id, organization_id, display_name, active, created_at) values (@clientId, @organizationId, @displayName, @yes, @now)
        """);
}
