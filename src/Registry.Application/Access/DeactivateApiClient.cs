using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;

namespace Registry.Application.Access;

/// <summary>
/// The operator switches an API client off for good: it gets no new token, and the tokens it holds are refused on every
/// instance within seconds. A client that must work again gets a new client id.
/// </summary>
[AllowedFor(Roles.Admin)]
public sealed record DeactivateApiClient(string ClientId) : ICommand<ApiClientView>;

public sealed class DeactivateApiClientValidator : AbstractValidator<DeactivateApiClient>
{
    public DeactivateApiClientValidator() => RuleFor(x => x.ClientId).NotEmpty().PlainText(100);
}

internal sealed class DeactivateApiClientHandler(IWriteDb db, IOutbox outbox, AccessWithdrawal withdrawal, TimeProvider clock)
    : IRequestHandler<DeactivateApiClient, ApiClientView>
{
    public async Task<ApiClientView> Handle(DeactivateApiClient c, CancellationToken ct)
    {
        var current = await ApiClientReads.ViewAsync(db, c.ClientId, ct);
        if (!current.Active) return current;
        await db.ExecuteAsync(DeactivateSql, new { c.ClientId, no = false }, ct);
        await withdrawal.ClientAsync(c.ClientId, clock.GetUtcNow(), ct);
        outbox.Publish(new ApiClientDeactivated(c.ClientId, current.OrganizationId));
        return current with { Active = false };
    }

    private static readonly Sql DeactivateSql = new("update api_clients set active = @no where client_id = @clientId");
}
