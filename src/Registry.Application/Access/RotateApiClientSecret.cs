using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;

namespace Registry.Application.Access;

/// <summary>A new secret, shown in this answer only (stored hashed). Tokens issued before the rotation are revoked.</summary>
public sealed record ApiClientSecretRotated(string ClientId, [property: Redacted] string ClientSecret);

/// <summary>
/// The operator replaces an API client's secret (a leak, a departing administrator, a routine rotation): the old secret is
/// refused from now on, and the tokens obtained with it stop working on every instance within seconds.
/// </summary>
[AllowedFor(Roles.Admin)]
public sealed record RotateApiClientSecret(string ClientId) : ICommand<ApiClientSecretRotated>;

public sealed class RotateApiClientSecretValidator : AbstractValidator<RotateApiClientSecret>
{
    public RotateApiClientSecretValidator() => RuleFor(x => x.ClientId).NotEmpty().PlainText(100);
}

internal sealed class RotateApiClientSecretHandler(IWriteDb db, IOutbox outbox, IClientRegistry clients, IIssuedTokens tokens)
    : IRequestHandler<RotateApiClientSecret, ApiClientSecretRotated>
{
    public async Task<ApiClientSecretRotated> Handle(RotateApiClientSecret c, CancellationToken ct)
    {
        var current = await ApiClientReads.ViewAsync(db, c.ClientId, ct);
        var secret = ApiClientWrites.NewSecret();
        await clients.RotateSecretAsync(c.ClientId, secret, ct);
        // Revoked token by token rather than by time, so a token taken with the new secret in the same second still works.
        await tokens.RevokeAllOfAsync(c.ClientId, ct);
        outbox.Publish(new ApiClientSecretReplaced(c.ClientId, current.OrganizationId));
        return new ApiClientSecretRotated(c.ClientId, secret);
    }
}
