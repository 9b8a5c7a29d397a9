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

internal sealed class CreateApiClientHandler(IWriteDb db, IOutbox outbox, ApiClientWrites writes)
    : IRequestHandler<CreateApiClient, ApiClientCreated>
{
    public async Task<ApiClientCreated> Handle(CreateApiClient c, CancellationToken ct)
    {
        var kind = await db.QuerySingleOrDefaultAsync<string>(KindSql, new { c.OrganizationId }, ct)
            ?? throw ValidationFailed.For("organizationId", $"No organization with id {c.OrganizationId}.");
        var clientId = $"{kind}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}";
        var secret = ApiClientWrites.NewSecret();
        await writes.AddAsync(clientId, secret, c.OrganizationId, c.DisplayName, ct);
        outbox.Publish(new ApiClientAdded(clientId, c.OrganizationId, c.DisplayName));
        return new ApiClientCreated(clientId, c.OrganizationId, c.DisplayName, secret);
    }

    private static readonly Sql KindSql = new("select kind from organizations where id = @organizationId");
}
