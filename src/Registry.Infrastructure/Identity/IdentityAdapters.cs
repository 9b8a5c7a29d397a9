using System.Data.Common;
using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using OpenIddict.Abstractions;
using Registry.Application.Common;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Registry.Infrastructure.Identity;

/// <summary>ASP.NET Core Identity's PBKDF2 password hasher (per-password salt, iteration count in the hash).</summary>
internal sealed class AspNetPasswordHasher : Application.Common.IPasswordHasher
{
    private static readonly PasswordHasher<object> Hasher = new();
    private static readonly object User = new();

    public string Hash(string password) => Hasher.HashPassword(User, password);

    public Task<bool> VerifyAsync(string hash, string password, CancellationToken ct) =>
        HashingWorkers.RunAsync(() => Hasher.VerifyHashedPassword(User, hash, password)
            is PasswordVerificationResult.Success or PasswordVerificationResult.SuccessRehashNeeded, ct);
}

/// <summary>OpenIddict's application store: confidential clients may use client credentials and revoke their tokens.</summary>
internal sealed class OpenIddictClientRegistry(IOpenIddictApplicationManager applications, IdentityDbContext context, WriteSession session)
    : IClientRegistry
{
    public const string ApiScope = "registry.api";

    /// <summary>The audience (resource) of access tokens granted <see cref="ApiScope"/>; the API accepts no other.</summary>
    public const string ApiAudience = "registry-api";

    public async Task CreateConfidentialClientAsync(string clientId, string secret, string displayName, CancellationToken ct)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = displayName,
        };
        descriptor.Permissions.UnionWith([
            Permissions.Endpoints.Token, Permissions.Endpoints.Revocation, Permissions.GrantTypes.ClientCredentials,
            Permissions.Prefixes.Scope + ApiScope,
        ]);
        await context.JoinAsync(session, ct);
        await applications.CreateAsync(descriptor, ct);
    }

    public async Task<bool> ExistsAsync(string clientId, CancellationToken ct) =>
        await applications.FindByClientIdAsync(clientId, ct) is not null;

    public async Task RotateSecretAsync(string clientId, string secret, CancellationToken ct)
    {
        await context.JoinAsync(session, ct);
        var application = await applications.FindByClientIdAsync(clientId, ct)
            ?? throw new InvalidOperationException($"API client {clientId} has no OpenIddict application.");
        await applications.UpdateAsync(application, secret, ct);
    }
}

/// <summary>OpenIddict's token store: tokens are stored entries (access tokens carry the entry's id as <c>oi_tkn_id</c>).</summary>
internal sealed class OpenIddictIssuedTokens(IOpenIddictTokenManager tokens, IOpenIddictAuthorizationManager authorizations,
    IdentityDbContext context, WriteSession session) : IIssuedTokens
{
    public async Task RevokeAllOfAsync(string subject, CancellationToken ct)
    {
        await context.JoinAsync(session, ct);
        await tokens.RevokeBySubjectAsync(subject, ct);
    }

    // OpenIddict's own pruning, in its batches and transactions (never inside a command's).
    public async Task<long> PruneAsync(DateTimeOffset before, CancellationToken ct) =>
        await tokens.PruneAsync(before, ct) + await authorizations.PruneAsync(before, ct);
}

internal static class IdentityTransactions
{
    /// <summary>
    /// OpenIddict's rows are written in the command's own transaction: both are stored or neither is
    /// (and SQLite, which has one writer, would otherwise wait for itself).
    /// </summary>
    public static async Task JoinAsync(this IdentityDbContext context, WriteSession session, CancellationToken ct)
    {
        if (session.Transaction is not { } transaction) return;
        if (context.Database.CurrentTransaction?.GetDbTransaction() == transaction) return;
        context.Database.SetDbConnection(transaction.Connection, contextOwnsConnection: false);
        await context.Database.UseTransactionAsync(transaction, ct);
    }
}

/// <summary>Data Protection keys in the database, so every API instance protects and reads cookies and antiforgery tokens alike.</summary>
internal sealed class DatabaseXmlRepository(IConnectionFactory connections) : IXmlRepository
{
    private static readonly Sql AllSql = new("select xml from data_protection_keys order by created_at");

    private static readonly Sql InsertSql = new("""
        insert into data_protection_keys (friendly_name, xml, created_at) values (@friendlyName, @xml, @now)
        """);

    private DbConnection Open() => connections.OpenPrimaryAsync(CancellationToken.None).GetAwaiter().GetResult();

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = Open();
        return connection.Query<string>(AllSql.For(connections.Dialect)).Select(x => XElement.Parse(x)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = Open();
        connection.Execute(InsertSql.For(connections.Dialect), SqlParameters.Of(new
        {
            friendlyName = string.IsNullOrEmpty(friendlyName) ? Guid.NewGuid().ToString() : friendlyName,
            xml = element.ToString(SaveOptions.DisableFormatting),
            now = DateTimeOffset.UtcNow,
        }));
    }
}
