using FluentValidation;
using MediatR;
using Registry.Application.Common;

namespace Registry.Application.Access;

/// <summary>What a token says about its subject: the claims Registry puts in access tokens.</summary>
public sealed record TokenSubject
{
    /// <summary>The user's id, or the client's id.</summary>
    public required string Subject { get; init; }
    public required string Name { get; init; }
    public required string Role { get; init; }
    public required Guid OrganizationId { get; init; }
    public required string RegionCode { get; init; }
    public bool MustChangePassword { get; init; }
}

/// <summary>
/// The token endpoint asks who a user or client is each time it issues a token (including on refresh), so a
/// deactivated account, client or organization gets no new token. Not mapped to any API route.
/// </summary>
[Public]
public sealed record FindTokenSubject(Guid? UserId, string? ClientId) : IQuery<TokenSubject?>;

public sealed class FindTokenSubjectValidator : AbstractValidator<FindTokenSubject>
{
    public FindTokenSubjectValidator() => RuleFor(x => x.ClientId).PlainText(200);
}

internal sealed class FindTokenSubjectHandler(IReadDb db) : IRequestHandler<FindTokenSubject, TokenSubject?>
{
    public async Task<TokenSubject?> Handle(FindTokenSubject q, CancellationToken ct) =>
        q.UserId is { } userId ? await db.QuerySingleOrDefaultAsync<TokenSubject>(UserSql, new { userId, yes = true }, ct)
        : q.ClientId is { } clientId ? await db.QuerySingleOrDefaultAsync<TokenSubject>(ClientSql, new { clientId, yes = true }, ct)
        : null;

    private static readonly Sql UserSql = new("""
        select cast(u.id as varchar(36)) as subject, u.display_name as name, o.kind as role, o.id as organization_id,
            o.region_code, u.must_change_password
        from users u join organizations o on o.id = u.organization_id
        where u.id = @userId and u.active = @yes and o.active = @yes
        """);

    private static readonly Sql ClientSql = new("""
        select c.client_id as subject, c.display_name as name, o.kind as role, o.id as organization_id,
            o.region_code
        from api_clients c join organizations o on o.id = c.organization_id
        where c.client_id = @clientId and c.active = @yes and o.active = @yes
        """);
}
