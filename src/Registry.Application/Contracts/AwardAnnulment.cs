using Registry.Application.Common;
using Registry.Application.Demands;
using Registry.Domain.Demands;

namespace Registry.Application.Contracts;

/// <summary>
/// What an upheld challenge of the result does before the contract is signed: the pending contract is annulled, the demand goes
/// back to evaluation and the bids that won or lost by the award are opened again, so the agency evaluates and awards anew. A
/// contract already signed is left as it is (the regulators' decision and its alert say what follows).
/// </summary>
internal static class AwardAnnulment
{
    /// <summary>Annuls the demand's pending contract, if it has one; answers whether it did.</summary>
    public static async Task<bool> AnnulPendingAsync(IWriteDb db, IOutbox outbox, TimeProvider clock, Guid demandId, Guid challengeId, string reason,
        CancellationToken ct)
    {
        if (await db.ScalarAsync<Guid?>(PendingSql, new { demandId }, ct) is not { } contractId) return false;
        var contract = await ContractReads.SnapshotAsync(db, contractId, ct);
        var now = clock.GetUtcNow();
        await ContractWrites.ClaimAsync(db, contract, now, ct);
        var (status, annulled) = ContractLifecycle.Annul(contract, challengeId, reason);
        await db.ExecuteAsync(AnnulSql, new { contract.Id, status, reason, now }, ct);
        await ContractWrites.MoveDemandAsync(db, demandId, DemandLifecycle.ReopenEvaluation, now, ct);
        var demand = await DemandReads.SnapshotAsync(db, demandId, ct) ?? throw new NotFound("demand", demandId);
        foreach (var bid in await db.QueryAsync<BidRow>(BidSql.DecidedSql, new { demandId }, ct))
        {
            var problems = await EligibilityReads.ProblemsAsync(db, demand, bid.EnterpriseId, clock, ct);
            await BidTransitions.ApplyAsync(db, outbox, bid.State, BidLifecycle.Reopen(bid.State, problems), now, ct);
        }
        outbox.Publish(annulled);
        outbox.Concerning("contract", contract.Id.ToString());
        return true;
    }

    private static readonly Sql PendingSql = new("select id from contracts where demand_id = @demandId and status = 'pending'");

    private static readonly Sql AnnulSql = new("""
        update contracts set status = @status, status_reason = @reason, closed_at = @now, updated_at = @now where id = @id and status = 'pending'
        """);
}
