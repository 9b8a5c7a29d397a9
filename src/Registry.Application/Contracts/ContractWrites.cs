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
    /// Takes the contract at the version the command decided on, first of its writes: the row version moves on (its
    /// deliveries or its status change), and a command that read the same version meanwhile finds it gone (412) once this
    /// one commits, instead of deciding on a contract that is no longer what it read.
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
