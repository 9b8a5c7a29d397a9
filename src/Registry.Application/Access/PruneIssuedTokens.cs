using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;

namespace Registry.Application.Access;

/// <summary>
/// Deletes the OAuth server's token entries and authorizations created more than <c>RetentionDays</c> ago that can no longer be
/// used (expired, revoked, redeemed), so its store does not grow with every token ever issued. Live tokens and the revocations
/// withdrawn access still reads (access tokens live minutes) are far younger. Like the sign-in attempts' purge, not a ledger
/// command. Answers how many rows were deleted.
/// </summary>
[AllowedFor(Roles.Admin)]
public sealed record PruneIssuedTokens(int RetentionDays) : IRequest<long>;

public sealed class PruneIssuedTokensValidator : AbstractValidator<PruneIssuedTokens>
{
    public PruneIssuedTokensValidator() => RuleFor(x => x.RetentionDays).InclusiveBetween(1, 3650);
}

internal sealed class PruneIssuedTokensHandler(IIssuedTokens tokens, TimeProvider clock) : IRequestHandler<PruneIssuedTokens, long>
{
    public Task<long> Handle(PruneIssuedTokens c, CancellationToken ct) => tokens.PruneAsync(clock.GetUtcNow().AddDays(-c.RetentionDays), ct);
}
