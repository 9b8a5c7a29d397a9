using Registry.Application.Common;

namespace Registry.Application.Access;

/// <summary>
/// Ends access now, on every API instance, in the deactivating command's transaction: the subject is written to
/// <c>withdrawn_access</c> (every instance refuses its access tokens issued until now once it has re-read that table, within
/// seconds), and every token issued to it is revoked in the token store, so no refresh token outlives the deactivation.
/// </summary>
public sealed class AccessWithdrawal(IWriteDb db, IIssuedTokens tokens)
{
    public const string Organization = "organization";
    public const string User = "user";
    public const string Client = "client";

    /// <summary>The organization, and each of its people and API clients.</summary>
    public async Task OrganizationAsync(Guid organizationId, DateTimeOffset now, CancellationToken ct)
    {
        await RecordAsync(Organization, organizationId.ToString(), now, ct);
        foreach (var subject in await db.QueryAsync<string>(OrganizationSubjectsSql, new { organizationId }, ct))
            await tokens.RevokeAllOfAsync(subject, ct);
    }

    public async Task UserAsync(Guid userId, DateTimeOffset now, CancellationToken ct)
    {
        // The subject as tokens spell it (FindTokenSubject reads it the same way), so the token store finds them.
        var subject = await db.QuerySingleOrDefaultAsync<string>(UserSubjectSql, new { userId }, ct) ?? userId.ToString();
        await RecordAsync(User, subject, now, ct);
        await tokens.RevokeAllOfAsync(subject, ct);
    }

    public async Task ClientAsync(string clientId, DateTimeOffset now, CancellationToken ct)
    {
        await RecordAsync(Client, clientId, now, ct);
        await tokens.RevokeAllOfAsync(clientId, ct);
    }

    private Task RecordAsync(string kind, string subject, DateTimeOffset now, CancellationToken ct) =>
        db.ExecuteAsync(RecordSql, new { kind, subject, withdrawn_at = now }, ct);

    private static readonly Sql RecordSql = new(d => d.Upsert("withdrawn_access", ["kind", "subject"], ["kind", "subject", "withdrawn_at"]));

    private static readonly Sql UserSubjectSql = new("select cast(id as varchar(36)) from users where id = @userId");

    private static readonly Sql OrganizationSubjectsSql = new("""
        select cast(id as varchar(36)) from users where organization_id = @organizationId
        union all
        select client_id from api_clients where organization_id = @organizationId
        """);
}
