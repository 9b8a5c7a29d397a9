using Dapper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.EntityFrameworkCore.Models;
using Registry.Application.Common;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Registry.Infrastructure.Identity;

/// <summary>What has been withdrawn recently: subjects (organization, user, client) since when, and revoked access tokens' ids.</summary>
public sealed record WithdrawnAccessRows(IReadOnlyList<WithdrawnSubject> Subjects, IReadOnlyList<string> TokenIds);

/// <summary>A subject whose access tokens issued up to <see cref="WithdrawnAt"/> are refused.</summary>
public sealed record WithdrawnSubject
{
    public required string Kind { get; init; }
    public required string Subject { get; init; }
    public required DateTimeOffset WithdrawnAt { get; init; }
}

/// <summary>
/// Reads the withdrawals every API instance must know: the <c>withdrawn_access</c> table, and the access tokens OpenIddict's
/// token store marks revoked (by <c>/connect/revoke</c>, a rotated secret, a deactivation, or a replayed refresh token).
/// Only entries young enough to concern a live access token are read.
/// </summary>
public sealed class WithdrawnAccessStore(IConnectionFactory connections, IServiceScopeFactory scopes)
{
    private static readonly Sql SubjectsSql = new("select kind, subject, withdrawn_at from withdrawn_access where withdrawn_at > @since");

    private static readonly Sql PruneSql = new("delete from withdrawn_access where withdrawn_at <= @since");

    /// <param name="since">Withdrawals at or before this time concern no live access token any more.</param>
    public async Task<WithdrawnAccessRows> LoadAsync(DateTimeOffset since, DateTimeOffset now, CancellationToken ct)
    {
        IReadOnlyList<WithdrawnSubject> subjects;
        await using (var connection = await connections.OpenPrimaryAsync(ct))
        {
            subjects = (await connection.QueryAsync<WithdrawnSubject>(new CommandDefinition(
                SubjectsSql.For(connections.Dialect), SqlParameters.Of(new { since }), cancellationToken: ct))).AsList();
        }
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        var utcNow = now.UtcDateTime;
        var tokenIds = await context.Set<OpenIddictEntityFrameworkCoreToken>().AsNoTracking()
            .Where(t => t.Status == Statuses.Revoked && t.Type == TokenTypeIdentifiers.AccessToken && t.ExpirationDate > utcNow)
            .Select(t => t.Id!)
            .ToListAsync(ct);
        return new WithdrawnAccessRows(subjects, tokenIds);
    }

    /// <summary>Drops withdrawals older than any live access token; safe on several instances at once.</summary>
    public async Task<int> PruneAsync(DateTimeOffset since, CancellationToken ct)
    {
        await using var connection = await connections.OpenPrimaryAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(PruneSql.For(connections.Dialect), SqlParameters.Of(new { since }), cancellationToken: ct));
    }
}
