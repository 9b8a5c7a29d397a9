using System.Security.Cryptography;
using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;

namespace Registry.Application.Access;

/// <summary>A new API client. The secret is shown in this answer only; it is stored hashed.</summary>
public sealed record ApiClientCreated(string ClientId, Guid OrganizationId, string DisplayName, [property: Redacted] string? ClientSecret);

/// <summary>The operator gives an organization's system (or a regional node) an OAuth client for the client credentials grant.</summary>
[AllowedFor(Roles.Admin)]
public sealed record CreateApiClient(Guid OrganizationId, string DisplayName) : ICommand<ApiClientCreated>;

public sealed class CreateApiClientValidator : AbstractValidator<CreateApiClient>
{
    public CreateApiClientValidator() => RuleFor(x => x.DisplayName).NotEmpty().Name(100);
}

internal sealed class CreateApiClientHandler(IWriteDb db, IOutbox outbox, IClientRegistry clients, TimeProvider clock)
    : IRequestHandler<CreateApiClient, ApiClientCreated>
{
    public async Task<ApiClientCreated> Handle(CreateApiClient c, CancellationToken ct)
    {
        var kind = await db.QuerySingleOrDefaultAsync<string>(KindSql, new { c.OrganizationId }, ct)
            ?? throw ValidationFailed.For("organizationId", $"No organization with id {c.OrganizationId}.");
        var clientId = $"{kind}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}";
        var secret = ApiClientStore.NewSecret();
        await ApiClientStore.AddAsync(db, clients, clientId, secret, c.OrganizationId, c.DisplayName, clock.GetUtcNow(), ct);
        outbox.Publish(new OutboxEvent("api_client.created", "api_client", clientId, new { clientId, c.OrganizationId, c.DisplayName }));
        return new ApiClientCreated(clientId, c.OrganizationId, c.DisplayName, secret);
    }

    private static readonly Sql KindSql = new("select kind from organizations where id = @organizationId");
}

/// <summary>Registers a confidential client with OpenIddict and ties it to its organization.</summary>
public static class ApiClientStore
{
    /// <summary>256 random bits, URL-safe: shown once to the operator, stored only hashed.</summary>
    public static string NewSecret() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static async Task<ApiClientView> ViewAsync(IQueryDb db, string clientId, CancellationToken ct) =>
        await db.QuerySingleOrDefaultAsync<ApiClientView>(ViewSql, new { clientId }, ct) ?? throw new NotFound("API client", clientId);

    private static readonly Sql ViewSql = new("""
        select c.client_id, c.organization_id, o.name_zh as organization_name_zh, c.display_name, c.active, c.created_at
        from api_clients c join organizations o on o.id = c.organization_id
        where c.client_id = @clientId
        """);

    public static async Task AddAsync(IWriteDb db, IClientRegistry clients, string clientId, string secret, Guid organizationId,
        string displayName, DateTimeOffset now, CancellationToken ct)
    {
        await clients.CreateConfidentialClientAsync(clientId, secret, displayName, ct);
        await db.ExecuteAsync(InsertSql, new { clientId, organizationId, displayName, yes = true, now }, ct);
    }

    private static readonly Sql InsertSql = new("""
        insert into api_clients (client_id, organization_id, display_name, active, created_at) values (@clientId, @organizationId, @displayName, @yes, @now)
        """);
}

/// <summary>An API client as the operator sees it (never its secret).</summary>
public sealed record ApiClientView
{
    public required string ClientId { get; init; }
    public required Guid OrganizationId { get; init; }
    public required string OrganizationNameZh { get; init; }
    public required string DisplayName { get; init; }
    public required bool Active { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
}

/// <summary>The operator lists API clients, optionally of one organization.</summary>
[AllowedFor(Roles.Admin)]
public sealed record ListApiClients(Guid? OrganizationId, int Page = 1, int PageSize = Paging.DefaultPageSize)
    : IQuery<Page<ApiClientView>>, IPaged;

public sealed class ListApiClientsValidator : AbstractValidator<ListApiClients>
{
    public ListApiClientsValidator() => this.RulesForPaging();
}

internal sealed class ListApiClientsHandler(IReadDb db) : IRequestHandler<ListApiClients, Page<ApiClientView>>
{
    public async Task<Page<ApiClientView>> Handle(ListApiClients q, CancellationToken ct)
    {
        var filter = new { q.OrganizationId, offset = (q.Page - 1) * q.PageSize, limit = q.PageSize };
        return await db.PageAsync<ApiClientView>(CountSql, PageSql, filter, q, ct);
    }

    private static readonly Sql CountSql = new("select count(*) from api_clients c where (@organizationId is null or c.organization_id = @organizationId)");

    private static readonly Sql PageSql = new(d => $"""
        select c.client_id, c.organization_id, o.name_zh as organization_name_zh, c.display_name, c.active, c.created_at
        from api_clients c join organizations o on o.id = c.organization_id
        where (@organizationId is null or c.organization_id = @organizationId)
        order by c.client_id {d.Page}
        """);
}
