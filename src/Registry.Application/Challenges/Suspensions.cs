using Registry.Application.Common;
using Registry.Domain;

namespace Registry.Application.Challenges;

/// <summary>
/// A demand suspended by a regulator during a complaint (《政府采购法》第五十七条): closing, evaluation, award and the contract's
/// signing and delivery steps refuse with 422 <c>demand_suspended</c> until the complaint is decided or the suspension's
/// <c>Bidding:MaxSuspension</c> (30 days) runs out, whichever comes first.
/// </summary>
internal static class Suspensions
{
    public static async Task EnsureNotSuspendedAsync(IQueryDb db, Guid demandId, DateTimeOffset now, CancellationToken ct)
    {
        if (await db.QuerySingleOrDefaultAsync<Suspension>(SuspendedSql, new { demandId, now }, ct) is { } suspension)
            throw new BusinessRuleException("demand_suspended",
                suspension.SuspendedUntil is { } until
                    ? $"The procurement of this demand is suspended by the regulator while it handles complaint {suspension.SuspendedByComplaintId}; it resumes when the complaint is decided, at the latest on {Domain.Time.ChinaTime.Format(until)}."
                    : $"The procurement of this demand is suspended by the regulator while it handles complaint {suspension.SuspendedByComplaintId}; it resumes when the complaint is decided.",
                suspension.SuspendedByComplaintId, suspension.SuspendedUntil is { } end ? Domain.Time.ChinaTime.Format(end) : null)
            {
                Variant = suspension.SuspendedUntil is null ? null : "until",
            };
    }

    /// <summary>Same, for a contract's steps: the contract's demand decides.</summary>
    public static async Task EnsureContractNotSuspendedAsync(IQueryDb db, Guid contractId, DateTimeOffset now, CancellationToken ct)
    {
        if (await db.ScalarAsync<Guid?>(DemandOfContractSql, new { contractId }, ct) is { } demandId)
            await EnsureNotSuspendedAsync(db, demandId, now, ct);
    }

    /// <summary>Where a demand's suspension is in force (SQL over <c>demands</c> with a <c>@now</c> parameter).</summary>
    public const string InForce = "suspended_by_complaint_id is not null and (suspended_until is null or suspended_until > @now)";

    private sealed class Suspension
    {
        public Guid SuspendedByComplaintId { get; init; }
        public DateTimeOffset? SuspendedUntil { get; init; }
    }

    private static readonly Sql SuspendedSql = new($"select suspended_by_complaint_id, suspended_until from demands where id = @demandId and {InForce}");

    private static readonly Sql DemandOfContractSql = new("select demand_id from contracts where id = @contractId");
}
