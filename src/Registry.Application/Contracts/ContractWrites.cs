using Registry.Application.Common;

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

    /// <summary>Bumps the contract's row version: its deliveries changed though its own columns did not.</summary>
    public static Task TouchAsync(IWriteDb db, Guid contractId, DateTimeOffset now, CancellationToken ct) =>
        db.ExecuteAsync(TouchSql, new { id = contractId, now }, ct);

    private static readonly Sql TouchSql = new("update contracts set row_version = row_version + 1, updated_at = @now where id = @id");
    private static readonly Sql DemandStatusSql = new("select status from demands where id = @demandId");
    private static readonly Sql DemandStatusUpdateSql = new("""
        update demands set status = @status, row_version = row_version + 1, updated_at = @now where id = @demandId
        """);
}
