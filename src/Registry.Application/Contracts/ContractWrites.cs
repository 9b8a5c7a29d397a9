using Registry.Application.Common;
using Registry.Domain.Demands;

namespace Registry.Application.Contracts;

/// <summary>The writes that recording, deciding and terminating share: a contract's row version and its demand's lifecycle step.</summary>
internal static class ContractWrites
{
    /// <summary>Moves the contract's demand along its lifecycle (the domain refuses a step its state does not allow).</summary>
    public static async Task MoveDemandAsync(IWriteDb db, Guid demandId, Func<string, string> transition, DateTimeOffset now, CancellationToken ct)
    {
        var current = await db.ScalarAsync<string>(DemandStatusSql, new { demandId }, ct);
        await db.ExecuteAsync(DemandStatusUpdateSql, new { demandId, status = transition(current!), now }, ct);
    }

    /// <summary>
    /// Reads the contract the caller acts on as a party at the version it read (<see cref="ContractReads.ForPartyAsync"/>)
    /// and claims it at once, before the command decides anything (<see cref="ClaimAsync"/>).
    /// </summary>
    public static async Task<ContractSnapshot> ClaimForPartyAsync(IWriteDb db, ICaller caller, Guid id, long expectedVersion, DateTimeOffset now,
        CancellationToken ct)
    {
        var contract = await ContractReads.ForPartyAsync(db, caller, id, expectedVersion, ct);
        await ClaimAsync(db, contract, now, ct);
        return contract;
    }

    /// <summary>
    /// Takes the contract at the version just read, first of the command's writes and before its rules decide: the row
    /// version moves on (its deliveries or its status change), and a command that read the same version meanwhile finds it
    /// gone (412) once this one commits. Claiming before deciding matters: the contract row and its deliveries are two reads,
    /// and a delivery committed between them would otherwise be judged against a contract version it does not belong to
    /// (a termination refused with 422 "a delivery awaits a decision" instead of 412). Every write to a contract or its
    /// deliveries claims, so once the claim holds, what was read is what is there.
    /// </summary>
    public static async Task ClaimAsync(IWriteDb db, ContractSnapshot contract, DateTimeOffset now, CancellationToken ct)
    {
        if (await db.ExecuteAsync(ClaimSql, new { contract.Id, version = contract.RowVersion, now }, ct) == 0)
            throw new PreconditionFailed("The contract changed while this request was being handled. Read it again.");
    }

    private static readonly Sql ClaimSql = new("""
        update contracts set row_version = row_version + 1, updated_at = @now where id = @id and row_version = @version
        """);
    private static readonly Sql DemandStatusSql = new("select status from demands where id = @demandId");
    private static readonly Sql DemandStatusUpdateSql = new("""
        update demands set status = @status, row_version = row_version + 1, updated_at = @now where id = @demandId
        """);
}
