using Registry.Application.Common;
using Registry.Domain;

namespace Registry.Application.Challenges;

/// <summary>
/// A demand suspended by a regulator during a complaint (《政府采购法》第五十七条): closing, evaluation, award and the contract's
/// delivery steps refuse with 422 <c>demand_suspended</c> until the complaint is decided.
/// </summary>
internal static class Suspensions
{
    public static async Task EnsureNotSuspendedAsync(IQueryDb db, Guid demandId, CancellationToken ct)
    {
        if (await db.ScalarAsync<Guid?>(SuspendedSql, new { demandId }, ct) is { } complaint)
            throw new BusinessRuleException("demand_suspended",
                $"The procurement of this demand is suspended by the regulator while it handles complaint {complaint}; it resumes when the complaint is decided.", complaint);
    }

    /// <summary>Same, for a contract's steps: the contract's demand decides.</summary>
    public static async Task EnsureContractNotSuspendedAsync(IQueryDb db, Guid contractId, CancellationToken ct)
    {
        if (await db.ScalarAsync<Guid?>(DemandOfContractSql, new { contractId }, ct) is { } demandId)
            await EnsureNotSuspendedAsync(db, demandId, ct);
    }

    private static readonly Sql SuspendedSql = new("select suspended_by_complaint_id from demands where id = @demandId");

    private static readonly Sql DemandOfContractSql = new("select demand_id from contracts where id = @contractId");
}
