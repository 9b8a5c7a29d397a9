using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Application.Demands;
using Registry.Domain.Access;
using Registry.Domain.Demands;

namespace Registry.Application.Contracts;

/// <summary>
/// The agency signs its awarded contract once the result notice's publicity period (<see cref="BiddingOptions.PublicityPeriod"/>)
/// is over and no challenge of the result filed since the award is still open; the contract is then in force and the winner may
/// deliver. A suspended demand signs nothing.
/// </summary>
[AllowedFor(Roles.Agency)]
public sealed record SignContract(Guid ContractId, long ExpectedVersion) : ICommand<ContractView>;

public sealed class SignContractValidator : AbstractValidator<SignContract>
{
    public SignContractValidator() => RuleFor(x => x.ExpectedVersion).IfMatchVersion();
}

internal sealed class SignContractHandler(IWriteDb db, IOutbox outbox, ICaller caller, TimeProvider clock, BiddingOptions bidding)
    : IRequestHandler<SignContract, ContractView>
{
    public async Task<ContractView> Handle(SignContract c, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var contract = await ContractWrites.ClaimForPartyAsync(db, caller, c.ContractId, c.ExpectedVersion, now, ct);
        await Challenges.Suspensions.EnsureNotSuspendedAsync(db, contract.DemandId, now, ct);
        var awardedAt = await db.ScalarAsync<DateTimeOffset>(AwardedAtSql, new { contract.Id }, ct);
        var open = await db.ScalarAsync<int>(OpenResultDisputesSql, new { contract.DemandId, awardedAt }, ct);
        var (status, signed) = ContractLifecycle.Sign(contract, awardedAt + bidding.PublicityPeriod, open, now);
        if (await db.ExecuteAsync(SignSql, new { contract.Id, status, now }, ct) == 0)
            throw new Domain.InvalidTransitionException("contract", "no longer pending", "signed");
        outbox.Publish(signed);
        outbox.Concerning("contract", contract.Id.ToString());
        return await ContractReads.ViewAsync(db, c.ContractId, ct);
    }

    private static readonly Sql AwardedAtSql = new("select awarded_at from contracts where id = @id");

    // Result challenges filed since this award that are unanswered, or before the regulators as an undecided complaint.
    private static readonly Sql OpenResultDisputesSql = new("""
        select count(*) from demand_challenges ch
        where ch.demand_id = @demandId and ch.kind = 'result' and ch.filed_at >= @awardedAt
          and (ch.status = 'filed' or exists (select 1 from demand_complaints p where p.challenge_id = ch.id and p.status in ('open', 'suspended')))
        """);

    private static readonly Sql SignSql = new("""
        update contracts set status = @status, signed_at = @now, updated_at = @now where id = @id and status = 'pending'
        """);
}
